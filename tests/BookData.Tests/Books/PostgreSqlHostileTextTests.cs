using BookData.Tests.Support;

namespace BookData.Tests.Books;

[RequiresPostgreSql]
public sealed class PostgreSqlHostileTextTests : HostileTextTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;
}
