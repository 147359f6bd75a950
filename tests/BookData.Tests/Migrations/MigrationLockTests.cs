using BookData.Migrations;
using Microsoft.Extensions.Logging;

namespace BookData.Tests.Migrations;

public sealed class MigrationLockTests
{
    private const int Racers = 16;

    private static readonly MigrationScript CreateMarker = new(
        "0000_create_marker.sql",
        "CREATE TABLE marker (marker_id INTEGER PRIMARY KEY) STRICT;\n");

    /// <summary>Slow enough (100,000 rows) that unserialized racers would all find it pending and run it again.</summary>
    private static readonly MigrationScript FillNumbers = new(
        "0001_fill_numbers.sql",
        """
        CREATE TABLE number (n INTEGER PRIMARY KEY) STRICT;
        WITH RECURSIVE counter (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM counter WHERE n < 100000)
        INSERT INTO number (n) SELECT n FROM counter;
        """);

    private static readonly MigrationScript CreateThing = new(
        "0002_create_thing.sql",
        "CREATE TABLE thing (thing_id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;\n");

    /// <summary>Inserts one row: applied twice, <c>thing</c> would hold two.</summary>
    private static readonly MigrationScript SeedThing = new(
        "0003_seed_thing.sql",
        "INSERT INTO thing (name) VALUES ('first');\n");

    private static readonly IReadOnlyList<MigrationScript> RaceScripts = [CreateMarker, FillNumbers, CreateThing, SeedThing];

    private static readonly string[] RaceScriptNames =
        ["0000_create_marker.sql", "0001_fill_numbers.sql", "0002_create_thing.sql", "0003_seed_thing.sql"];

    [Fact]
    public async Task MigrateAsync_ManyCallersOnNewFile_ApplyEachScriptExactlyOnce()
    {
        await using var folder = ScratchFolder.Create();

        var results = await RaceAsync(() => folder.Migrator(RaceScripts));

        results.Should().ContainSingle(result => result.Applied.Count > 0).Which.Applied.Should().Equal(RaceScriptNames);
        (await DatabaseInspector.JournalAsync(folder.DatabasePath)).Should().Equal(RaceScriptNames);
        (await DatabaseInspector.ScalarAsync(folder.DatabasePath, "SELECT count(*) FROM number;")).Should().Be(100_000);
        (await DatabaseInspector.ScalarAsync(folder.DatabasePath, "SELECT count(*) FROM thing;")).Should().Be(1);
    }

    [Fact]
    public async Task MigrateAsync_ManyCallersOnPartlyMigratedFile_ApplyPendingScriptsExactlyOnce()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator([CreateMarker]).MigrateAsync();

        var results = await RaceAsync(() => folder.Migrator(RaceScripts));

        results.Sum(result => result.Applied.Count).Should().Be(3);
        results.Should().ContainSingle(result => result.Applied.Count > 0)
            .Which.Applied.Should().Equal(RaceScriptNames[1..]);
        (await DatabaseInspector.JournalAsync(folder.DatabasePath)).Should().Equal(RaceScriptNames);
        (await DatabaseInspector.ScalarAsync(folder.DatabasePath, "SELECT count(*) FROM number;")).Should().Be(100_000);
        (await DatabaseInspector.ScalarAsync(folder.DatabasePath, "SELECT count(*) FROM thing;")).Should().Be(1);
    }

    [Fact]
    public async Task MigrateAsync_ManyCallersWithEmbeddedScripts_ApplyEachScriptExactlyOnce()
    {
        await using var folder = ScratchFolder.Create();

        var results = await RaceAsync(() => new BookDataMigrator(folder.Factory()));

        results.Sum(result => result.Applied.Count).Should().Be(BookDataMigrator.ScriptNames.Count);
        (await DatabaseInspector.JournalAsync(folder.DatabasePath)).Should().Equal(BookDataMigrator.ScriptNames);
        (await DatabaseInspector.TablesAsync(folder.DatabasePath)).Should().Contain(["author", "book", "book_publisher", "publisher"]);
    }

    [Fact]
    public async Task MigrateAsync_LockHeldElsewhere_WaitsThenMigratesAfterRelease()
    {
        await using var folder = ScratchFolder.Create();
        var logger = new RecordingLogger();
        var held = HoldLock(folder.DatabasePath);

        var migration = new BookDataMigrator(folder.Factory(), TestScripts.All, logger).MigrateAsync();
        await WaitUntilAsync(() => logger.Entries.Any(entry => entry.Level == LogLevel.Debug && entry.EventId == 4));
        File.Exists(folder.DatabasePath).Should().BeFalse("nothing may touch the database while another process holds the lock");
        migration.IsCompleted.Should().BeFalse();
        await held.DisposeAsync();
        var result = await migration;

        result.Applied.Should().HaveCount(3);
        (await DatabaseInspector.JournalAsync(folder.DatabasePath)).Should().HaveCount(3);
    }

    [Fact]
    public async Task MigrateAsync_LockHeldLongerThanBusyTimeout_ThrowsNamingLockFileAndCreatesNothing()
    {
        await using var folder = ScratchFolder.Create();
        await using var held = HoldLock(folder.DatabasePath);
        var migrator = folder.Migrator(TestScripts.All, options => options.BusyTimeout = TimeSpan.FromMilliseconds(200));

        var act = () => migrator.MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().Contain(folder.DatabasePath + ".migrate.lock").And.Contain("busy timeout");
        File.Exists(folder.DatabasePath).Should().BeFalse();
    }

    [Fact]
    public async Task MigrateAsync_CanceledWhileWaitingForLock_ThrowsAndCreatesNothing()
    {
        await using var folder = ScratchFolder.Create();
        await using var held = HoldLock(folder.DatabasePath);
        var logger = new RecordingLogger();
        using var cancellation = new CancellationTokenSource();

        var migration = new BookDataMigrator(folder.Factory(), TestScripts.All, logger).MigrateAsync(cancellation.Token);
        await WaitUntilAsync(() => logger.Entries.Any(entry => entry.EventId == 4));
        await cancellation.CancelAsync();

        await FluentActions.Awaiting(() => migration).Should().ThrowAsync<OperationCanceledException>();
        File.Exists(folder.DatabasePath).Should().BeFalse();
    }

    /// <summary>
    /// Runs <see cref="Racers"/> migrations at once, each on its own thread (not the thread pool, which
    /// on a small machine would start them one or two at a time) with its own factory, connections and
    /// lock handle, as separate processes would.
    /// </summary>
    private static async Task<MigrationResult[]> RaceAsync(Func<BookDataMigrator> createMigrator)
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

    private static FileStream HoldLock(string databasePath) =>
        new(databasePath + MigrationTarget.LockFileSuffix, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
