namespace BookData.Tests.Import;

public sealed class SqliteCatalogImporterTests : CatalogImporterTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;
}
