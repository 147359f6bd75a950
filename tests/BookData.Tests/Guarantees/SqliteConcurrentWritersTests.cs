namespace BookData.Tests.Guarantees;

public sealed class SqliteConcurrentWritersTests : ConcurrentWritersTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;
}
