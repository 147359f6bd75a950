using BookData.Tests.Support;

namespace BookData.Tests.Books;

/// <summary>The shared tests of <see cref="BookRepositoryTests"/> with the library connecting through PgBouncer in transaction pooling mode.</summary>
[RequiresPostgreSqlPooled]
public sealed class PooledPostgreSqlBookRepositoryTests : BookRepositoryTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;

    protected override bool FoldsNonAsciiCase => true;

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePooledAsync();
}
