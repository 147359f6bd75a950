namespace BookData.Tests.Import;

public sealed class SqliteCatalogImporterBadInputTests : CatalogImporterBadInputTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;
}
