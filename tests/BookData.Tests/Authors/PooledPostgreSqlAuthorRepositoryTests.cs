using BookData.Tests.Support;

namespace BookData.Tests.Authors;

[RequiresPostgreSqlPooled(KnownFailure = KnownFailure)]
public sealed class PooledPostgreSqlAuthorRepositoryTests : AuthorRepositoryTests
{
    /// <summary>Why the family is skipped today (see docs/postgresql-pooling.md).</summary>
    public const string KnownFailure =
        "BookData cannot connect through PgBouncer in transaction mode yet: it sends lock_timeout as a startup option (-c lock_timeout=...), which PgBouncer 1.18 refuses (08P01 unsupported startup parameter: options); see docs/postgresql-pooling.md";

    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;

    protected override bool FoldsNonAsciiCase => true;

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePooledAsync();
}
