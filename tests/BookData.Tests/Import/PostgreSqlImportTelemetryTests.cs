using BookData.Tests.Support;

namespace BookData.Tests.Import;

[RequiresPostgreSql]
public sealed class PostgreSqlImportTelemetryTests : ImportTelemetryTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;
}
