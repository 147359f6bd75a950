using BookData.Tests.Support;

namespace BookData.Tests.Guarantees;

[RequiresPostgreSql]
public sealed class PostgreSqlConcurrentWritersTests : ConcurrentWritersTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;
}
