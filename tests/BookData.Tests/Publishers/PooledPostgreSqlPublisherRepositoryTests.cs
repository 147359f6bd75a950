using BookData.Tests.Support;

namespace BookData.Tests.Publishers;

/// <summary>The shared tests of <see cref="PublisherRepositoryTests"/> with the library connecting through PgBouncer in transaction pooling mode.</summary>
[RequiresPostgreSqlPooled]
public sealed class PooledPostgreSqlPublisherRepositoryTests : PublisherRepositoryTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePooledAsync();
}
