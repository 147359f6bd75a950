using BookData.Tests.Support;

namespace BookData.Tests.Guarantees;

[RequiresPostgreSql]
public sealed class PostgreSqlRepositoryPropertyTests : RepositoryPropertyTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;
}
