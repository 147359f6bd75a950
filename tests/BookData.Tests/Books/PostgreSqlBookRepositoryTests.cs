using BookData.Tests.Support;

namespace BookData.Tests.Books;

[RequiresPostgreSql]
public sealed class PostgreSqlBookRepositoryTests : BookRepositoryTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;

    protected override bool FoldsNonAsciiCase => true;
}
