using BookData.Tests.Support;

namespace BookData.Tests.Export;

[RequiresPostgreSql]
public sealed class PostgreSqlCatalogExporterTests : CatalogExporterTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;
}
