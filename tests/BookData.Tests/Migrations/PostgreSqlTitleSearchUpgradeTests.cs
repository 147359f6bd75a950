using BookData.Tests.Support;

namespace BookData.Tests.Migrations;

[RequiresPostgreSql]
public sealed class PostgreSqlTitleSearchUpgradeTests : TitleSearchUpgradeTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;
}
