namespace BookData.Tests.Guarantees;

public sealed class SqliteRepositoryPropertyTests : RepositoryPropertyTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;
}
