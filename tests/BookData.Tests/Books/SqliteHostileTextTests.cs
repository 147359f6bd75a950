namespace BookData.Tests.Books;

public sealed class SqliteHostileTextTests : HostileTextTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;
}
