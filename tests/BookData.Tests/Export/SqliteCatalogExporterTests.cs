namespace BookData.Tests.Export;

public sealed class SqliteCatalogExporterTests : CatalogExporterTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;
}
