using BookData.Tests.Support;

namespace BookData.Tests.Migrations;

/// <summary>
/// The migration lock tests of <see cref="PostgreSqlMigrationLockTests"/> with every migrator connecting through PgBouncer
/// in transaction pooling mode, where each transaction may run on another server connection: racing migrators must
/// still apply each script once, and a lock held elsewhere must still be waited for.
/// </summary>
[RequiresPostgreSqlPooled]
public sealed class PooledPostgreSqlMigrationLockTests : PostgreSqlMigrationLockTests
{
    private protected override Task<ScratchDatabase> CreateScratchAsync() => ScratchDatabase.CreatePooledAsync();
}
