using BookData.Tests.Support;

namespace BookData.Tests.Diagnostics;

[Collection(TelemetryTests.Name)]
[RequiresPostgreSql]
public sealed class PostgreSqlRepositoryTelemetryTests : RepositoryTelemetryTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;
}
