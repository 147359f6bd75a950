using BookData.Tests.Support;

namespace BookData.Tests.Authors;

[RequiresPostgreSql]
public sealed class PostgreSqlAuthorRepositoryTests : AuthorRepositoryTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;

    protected override bool FoldsNonAsciiCase => true;
}
