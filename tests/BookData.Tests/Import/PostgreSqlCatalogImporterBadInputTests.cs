using BookData.Tests.Support;

namespace BookData.Tests.Import;

[RequiresPostgreSql]
public sealed class PostgreSqlCatalogImporterBadInputTests : CatalogImporterBadInputTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;
}
