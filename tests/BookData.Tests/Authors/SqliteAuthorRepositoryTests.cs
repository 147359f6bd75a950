namespace BookData.Tests.Authors;

public sealed class SqliteAuthorRepositoryTests : AuthorRepositoryTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;

    protected override bool FoldsNonAsciiCase => false;
}
