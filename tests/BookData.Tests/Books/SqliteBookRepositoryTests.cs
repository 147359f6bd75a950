namespace BookData.Tests.Books;

public sealed class SqliteBookRepositoryTests : BookRepositoryTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;

    protected override bool FoldsNonAsciiCase => false;
}
