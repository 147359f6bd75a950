namespace BookData.Tests.Reports;

public sealed class SqliteCatalogReportsTests : CatalogReportsTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;
}
