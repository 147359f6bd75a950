using BookData.Migrations;

namespace BookData.Tests.Migrations;

public sealed class SqliteMigrationLockTests : MigrationLockTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;

    private protected override IReadOnlyList<MigrationScript> RaceScripts { get; } =
    [
        new("0000_create_marker.sql", "CREATE TABLE marker (marker_id INTEGER PRIMARY KEY) STRICT;\n"),
        new(
            "0001_fill_numbers.sql",
            """
            CREATE TABLE number (n INTEGER PRIMARY KEY) STRICT;
            WITH RECURSIVE counter (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM counter WHERE n < 100000)
            INSERT INTO number (n) SELECT n FROM counter;
            """),
        new("0002_create_thing.sql", "CREATE TABLE thing (thing_id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;\n"),
        new("0003_seed_thing.sql", "INSERT INTO thing (name) VALUES ('first');\n"),
    ];

    protected override int WaitingEventId => 4;

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

    [Theory]
    [InlineData("file")]
    [InlineData("folder")]
    [InlineData("climbing out of a linked folder")]
    public async Task MigrateAsync_ThroughASymbolicLinkWhileTheLockIsHeldByTheFilesName_WaitsForThatLock(string linked)
    {
        // SQLite follows symbolic links (its write-ahead log is beside the file they lead to), so two
        // migrators reaching one file by different links must share one lock.
        await using var folder = ScratchFolder.Create();
        var real = Directory.CreateDirectory(Path.Combine(folder.Path, "real")).FullName;
        var database = Path.Combine(real, "catalog.db");
        await new BookDataMigrator(folder.Factory(databasePath: database), TestScripts.All.Take(1).ToList()).MigrateAsync();
        var viaLink = linked switch
        {
            "file" => File.CreateSymbolicLink(Path.Combine(folder.Path, "link.db"), database).FullName,
            "folder" => Path.Combine(Directory.CreateSymbolicLink(Path.Combine(folder.Path, "linked"), real).FullName, "catalog.db"),

            // linked/deep leads into real/sub, so linked/deep/../catalog.db is real/catalog.db (not linked/catalog.db).
            _ => Path.Combine(folder.Path, "x", "deep", "..", "catalog.db"),
        };
        if (linked.StartsWith("climbing", StringComparison.Ordinal))
        {
            Directory.CreateDirectory(Path.Combine(folder.Path, "x"));
            Directory.CreateSymbolicLink(Path.Combine(folder.Path, "x", "deep"), Directory.CreateDirectory(Path.Combine(real, "sub")).FullName);
        }

        await using var held = HoldLock(database);
        var migrator = new BookDataMigrator(
            folder.Factory(options => options.BusyTimeout = TimeSpan.FromMilliseconds(300), viaLink), TestScripts.All);

        var act = () => migrator.MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().Contain(database + MigrationTarget.LockFileSuffix).And.Contain("busy timeout");
        (await new BookDataMigrator(folder.Factory(databasePath: database), TestScripts.All).GetStatusAsync()).Pending.Should().HaveCount(TestScripts.All.Count - 1);
    }

    [Fact]
    public async Task MigrateAsync_NewFile_RemovesItsLockFileWhenDone()
    {
        await using var folder = ScratchFolder.Create();

        var result = await folder.Migrator(TestScripts.All).MigrateAsync();

        result.Applied.Should().NotBeEmpty();
        File.Exists(folder.DatabasePath + MigrationTarget.LockFileSuffix).Should().BeFalse();
        File.Exists(folder.DatabasePath).Should().BeTrue();
    }

    [Fact]
    public async Task MigrateAsync_ManyCallersOnNewFile_ApplyEachScriptOnceAndLeaveNoLockFile()
    {
        await using var folder = ScratchFolder.Create();

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => folder.Migrator(TestScripts.All).MigrateAsync())));

        results.SelectMany(result => result.Applied).Should().HaveCount(TestScripts.All.Count).And.OnlyHaveUniqueItems();
        File.Exists(folder.DatabasePath + MigrationTarget.LockFileSuffix).Should().BeFalse();
    }

    [Fact]
    public async Task MigrateAsync_LockFileLeftByAnEarlierVersion_IsUsedAndThenRemoved()
    {
        await using var folder = ScratchFolder.Create();
        await File.WriteAllBytesAsync(folder.DatabasePath + MigrationTarget.LockFileSuffix, []);

        var result = await folder.Migrator(TestScripts.All).MigrateAsync();

        result.Applied.Should().HaveCount(TestScripts.All.Count);
        File.Exists(folder.DatabasePath + MigrationTarget.LockFileSuffix).Should().BeFalse();
    }

    [Theory]
    [InlineData("to a missing file")]
    [InlineData("to an existing file")]
    public async Task MigrateAsync_LockPathIsASymbolicLink_ThrowsNamingItAndCreatesOrLocksNothingWhereItPoints(string pointing)
    {
        await using var folder = ScratchFolder.Create();
        var pointed = Path.Combine(Directory.CreateDirectory(Path.Combine(folder.Path, "elsewhere")).FullName, "planted");
        if (pointing == "to an existing file")
        {
            await File.WriteAllTextAsync(pointed, "keep");
        }

        var lockPath = folder.DatabasePath + MigrationTarget.LockFileSuffix;
        File.CreateSymbolicLink(lockPath, pointed);

        var act = () => folder.Migrator(TestScripts.All).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().Contain($"'{lockPath}' is a symbolic link").And.Contain(pointed).And.Contain("remove the link");
        File.Exists(folder.DatabasePath).Should().BeFalse();
        new FileInfo(lockPath).LinkTarget.Should().Be(pointed);
        if (pointing == "to an existing file")
        {
            (await File.ReadAllTextAsync(pointed)).Should().Be("keep");
            await using var unlocked = new FileStream(pointed, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        else
        {
            File.Exists(pointed).Should().BeFalse();
        }
    }

    [Fact]
    public async Task MigrateAsync_ThroughALinkedFolderWithTheLockFileLeftThere_UsesAndRemovesIt()
    {
        // Only the lock file itself must not be a link: the folders on the way to it may be.
        await using var folder = ScratchFolder.Create();
        var real = Directory.CreateDirectory(Path.Combine(folder.Path, "real")).FullName;
        var linked = Directory.CreateSymbolicLink(Path.Combine(folder.Path, "linked"), real).FullName;
        await File.WriteAllBytesAsync(Path.Combine(real, "catalog.db" + MigrationTarget.LockFileSuffix), []);

        var result = await new BookDataMigrator(folder.Factory(databasePath: Path.Combine(linked, "catalog.db")), TestScripts.All).MigrateAsync();

        result.Applied.Should().HaveCount(TestScripts.All.Count);
        File.Exists(Path.Combine(real, "catalog.db" + MigrationTarget.LockFileSuffix)).Should().BeFalse();
    }

    private protected override Task<IAsyncDisposable> HoldLockAsync(ScratchDatabase database) =>
        Task.FromResult<IAsyncDisposable>(HoldLock(database.Path));

    private protected override Task<bool> IsUntouchedAsync(ScratchDatabase database) =>
        Task.FromResult(!File.Exists(database.Path));

    private static FileStream HoldLock(string databasePath) =>
        new(databasePath + MigrationTarget.LockFileSuffix, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
}
