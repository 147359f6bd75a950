using BookData.Tests.Support;

namespace BookData.Tests.Import;

[RequiresPostgreSql]
public sealed class PostgreSqlRoundTripTests : RoundTripTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;
}
