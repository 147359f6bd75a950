namespace BookData.Tests.Import;

public sealed class SqliteImportTelemetryTests : ImportTelemetryTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;
}
