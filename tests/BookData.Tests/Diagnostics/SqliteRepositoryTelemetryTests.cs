using BookData.Tests.Support;

namespace BookData.Tests.Diagnostics;

[Collection(TelemetryTests.Name)]
public sealed class SqliteRepositoryTelemetryTests : RepositoryTelemetryTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;
}
