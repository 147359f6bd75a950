using BookData.Migrations;
using BookData.Tests.Support;
using Microsoft.Extensions.Logging;

namespace BookData.Tests.Migrations;

/// <summary>
/// The migration lock on every provider: racing migrators apply each script once and all succeed, and a
/// migrator waits for one that holds the lock (a lock file beside a SQLite database, an advisory lock on PostgreSQL).
/// </summary>
public abstract class MigrationLockTests
{
    protected const int Racers = 16;

    protected static readonly string[] RaceScriptNames =
        ["0000_create_marker.sql", "0001_fill_numbers.sql", "0002_create_thing.sql", "0003_seed_thing.sql"];

    protected abstract BookDataProvider Provider { get; }

    /// <summary>A new database with nothing migrated: reached directly, or through a pooler in the pooled subclass.</summary>
    private protected virtual Task<ScratchDatabase> CreateScratchAsync() => ScratchDatabase.CreateAsync(Provider);

    /// <summary>
    /// The race's scripts in the provider's dialect: <c>0001_fill_numbers.sql</c> is slow enough (100,000 rows) that
    /// unserialized racers would all find it pending and run it again; <c>0003_seed_thing.sql</c> inserts one row, so
    /// applied twice <c>thing</c> would hold two.
    /// </summary>
    private protected abstract IReadOnlyList<MigrationScript> RaceScripts { get; }

    /// <summary>The event id the migrator logs (at Debug) when it starts waiting for the lock.</summary>
    protected abstract int WaitingEventId { get; }

    /// <summary>Holds the migration lock of <paramref name="database"/> as another process would, until disposed.</summary>
    private protected abstract Task<IAsyncDisposable> HoldLockAsync(ScratchDatabase database);

    /// <summary>Whether nothing has been created in <paramref name="database"/>: no file on SQLite, no table on PostgreSQL.</summary>
    private protected abstract Task<bool> IsUntouchedAsync(ScratchDatabase database);

    [ProviderFact]
    public async Task MigrateAsync_ManyCallersOnNewFile_ApplyEachScriptExactlyOnce()
    {
        await using var database = await CreateScratchAsync();

        var results = await RaceAsync(() => database.Migrator(RaceScripts));

        results.Should().ContainSingle(result => result.Applied.Count > 0).Which.Applied.Should().Equal(RaceScriptNames);
        (await database.Inspector.JournalAsync()).Should().Equal(RaceScriptNames);
        (await database.Inspector.ScalarAsync("SELECT count(*) FROM number;")).Should().Be(100_000);
        (await database.Inspector.ScalarAsync("SELECT count(*) FROM thing;")).Should().Be(1);
    }

    [ProviderFact]
    public async Task MigrateAsync_ManyCallersOnPartlyMigratedFile_ApplyPendingScriptsExactlyOnce()
    {
        await using var database = await CreateScratchAsync();
        await database.Migrator([RaceScripts[0]]).MigrateAsync();

        var results = await RaceAsync(() => database.Migrator(RaceScripts));

        results.Sum(result => result.Applied.Count).Should().Be(3);
        results.Should().ContainSingle(result => result.Applied.Count > 0)
            .Which.Applied.Should().Equal(RaceScriptNames[1..]);
        (await database.Inspector.JournalAsync()).Should().Equal(RaceScriptNames);
        (await database.Inspector.ScalarAsync("SELECT count(*) FROM number;")).Should().Be(100_000);
        (await database.Inspector.ScalarAsync("SELECT count(*) FROM thing;")).Should().Be(1);
    }

    [ProviderFact]
    public async Task MigrateAsync_ManyCallersWithEmbeddedScripts_ApplyEachScriptExactlyOnce()
    {
        await using var database = await CreateScratchAsync();

        var results = await RaceAsync(() => new BookDataMigrator(database.Factory()));

        results.Sum(result => result.Applied.Count).Should().Be(BookDataMigrator.ScriptNames.Count);
        (await database.Inspector.JournalAsync()).Should().Equal(BookDataMigrator.ScriptNames);
        (await database.Inspector.TablesAsync()).Should().Contain(["author", "book", "book_publisher", "publisher"]);
    }

    [ProviderFact]
    public async Task MigrateAsync_LockHeldElsewhere_WaitsThenMigratesAfterRelease()
    {
        await using var database = await CreateScratchAsync();
        var logger = new RecordingLogger();
        var held = await HoldLockAsync(database);

        var migration = new BookDataMigrator(database.Factory(), database.Scripts.All, logger).MigrateAsync();
        await WaitUntilAsync(() => logger.Entries.Any(entry => entry.Level == LogLevel.Debug && entry.EventId == WaitingEventId));
        (await IsUntouchedAsync(database)).Should().BeTrue("nothing may touch the database while another process holds the lock");
        migration.IsCompleted.Should().BeFalse();
        await held.DisposeAsync();
        var result = await migration;

        result.Applied.Should().HaveCount(3);
        (await database.Inspector.JournalAsync()).Should().HaveCount(3);
    }

    [ProviderFact]
    public async Task MigrateAsync_CanceledWhileWaitingForLock_ThrowsAndCreatesNothing()
    {
        await using var database = await CreateScratchAsync();
        await using var held = await HoldLockAsync(database);
        var logger = new RecordingLogger();
        using var cancellation = new CancellationTokenSource();

        var migration = new BookDataMigrator(database.Factory(), database.Scripts.All, logger).MigrateAsync(cancellation.Token);
        await WaitUntilAsync(() => logger.Entries.Any(entry => entry.EventId == WaitingEventId));
        await cancellation.CancelAsync();

        await FluentActions.Awaiting(() => migration).Should().ThrowAsync<OperationCanceledException>();
        (await IsUntouchedAsync(database)).Should().BeTrue();
    }

    /// <summary>
    /// Runs <see cref="Racers"/> migrations at once, each on its own thread (not the thread pool, which
    /// on a small machine would start them one or two at a time) with its own factory, connections and
    /// lock handle, as separate processes would.
    /// </summary>
    protected static async Task<MigrationResult[]> RaceAsync(Func<BookDataMigrator> createMigrator)
    {
        using var start = new Barrier(Racers);
        var racers = Enumerable.Range(0, Racers)
            .Select(_ => Task.Factory.StartNew(
                () =>
                {
                    var migrator = createMigrator();
                    start.SignalAndWait();
                    return migrator.MigrateAsync().GetAwaiter().GetResult();
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default))
            .ToArray();

        return await Task.WhenAll(racers);
    }

    protected static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
