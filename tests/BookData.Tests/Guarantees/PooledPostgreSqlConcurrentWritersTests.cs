using BookData.Tests.Support;

namespace BookData.Tests.Guarantees;

/// <summary>The shared tests of <see cref="ConcurrentWritersTests"/> with the library connecting through PgBouncer in transaction pooling mode.</summary>
[RequiresPostgreSqlPooled]
public sealed class PooledPostgreSqlConcurrentWritersTests : ConcurrentWritersTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePooledAsync();
}
