using BookData.Tests.Support;

namespace BookData.Tests.Books;

[RequiresPostgreSql]
public sealed class PostgreSqlTitleSearchTests : TitleSearchTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;
}
