namespace BookData.Tests.Books;

public sealed class SqliteTitleSearchTests : TitleSearchTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;
}
