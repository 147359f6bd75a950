namespace BookData.Tests.Migrations;

public sealed class SqliteMigrationDriftTests : MigrationDriftTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;
}
