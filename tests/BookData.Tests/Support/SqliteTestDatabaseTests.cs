namespace BookData.Tests.Support;

public sealed class SqliteTestDatabaseTests : TestDatabaseTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;

    protected override Task<bool> ExistsAsync(TestDatabase database) => Task.FromResult(File.Exists(database.Path));
}
