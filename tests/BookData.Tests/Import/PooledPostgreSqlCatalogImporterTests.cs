using BookData.Tests.Support;

namespace BookData.Tests.Import;

/// <summary>The shared tests of <see cref="CatalogImporterTests"/> with the library connecting through PgBouncer in transaction pooling mode.</summary>
[RequiresPostgreSqlPooled]
public sealed class PooledPostgreSqlCatalogImporterTests : CatalogImporterTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;

    protected override bool FoldsNonAsciiCase => true;

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePooledAsync();
}
