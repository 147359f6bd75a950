using BookData.Tests.Support;

namespace BookData.Tests.Reports;

[RequiresPostgreSql]
public sealed class PostgreSqlCatalogReportsTests : CatalogReportsTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;
}
