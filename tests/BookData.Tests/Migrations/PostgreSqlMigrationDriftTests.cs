using BookData.Tests.Support;

namespace BookData.Tests.Migrations;

[RequiresPostgreSql]
public sealed class PostgreSqlMigrationDriftTests : MigrationDriftTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;
}
