namespace BookData.Tests.Import;

public sealed class SqliteRoundTripTests : RoundTripTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;
}
