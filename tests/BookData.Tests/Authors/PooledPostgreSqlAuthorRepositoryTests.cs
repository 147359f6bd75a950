using BookData.Tests.Support;

namespace BookData.Tests.Authors;

[RequiresPostgreSqlPooled]
public sealed class PooledPostgreSqlAuthorRepositoryTests : AuthorRepositoryTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;

    protected override bool FoldsNonAsciiCase => true;

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePooledAsync();
}
