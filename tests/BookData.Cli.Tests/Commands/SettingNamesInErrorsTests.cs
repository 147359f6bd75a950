using BookData.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BookData.Cli.Tests.Commands;

/// <summary>
/// An error about a setting names it as the tool's user sets it (its environment variable), with its value, and
/// says what holds a lock as it is: never the library's <c>BookData:…</c> configuration keys.
/// </summary>
public sealed class SettingNamesInErrorsTests
{
    private static readonly string[] AddBook = ["add-book", "--author", "Stephen King", "--title", "The Stand", "--publisher", "Random House"];

    [Fact]
    public async Task Command_JournalModeDeleteWhileTheWalCatalogIsOpenElsewhere_NamesTheEnvironmentVariable()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        await using var other = new SqliteConnection($"Data Source={db.Path};Pooling=False");
        await other.OpenAsync();
        await using (var read = other.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM book;";
            (await read.ExecuteScalarAsync()).Should().Be(10L);
        }

        var environment = new Dictionary<string, string?> { ["BOOKDATA_DB"] = db.Path, ["BOOKDATA_JOURNAL_MODE"] = "delete" };

        var result = await CliRunner.RunAsync(environment, localDataFolder: "", AddBook);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Error.Should().StartWith($"error: Cannot set the journal mode of database '{db.Path}' to Delete (BOOKDATA_JOURNAL_MODE): ")
            .And.NotContain("BookData:");
        (await CliDatabase.CountAsync(db.Path, "book")).Should().Be(10);
    }

    [Fact]
    public async Task Migrate_LockFileHeldLongerThanTheBusyTimeout_NamesTheValueAndTheEnvironmentVariable()
    {
        await using var db = CliDatabase.CreateEmpty();
        await using var held = new FileStream(db.Path + ".migrate.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var environment = new Dictionary<string, string?> { ["BOOKDATA_DB"] = db.Path, ["BOOKDATA_BUSY_TIMEOUT"] = "0.2" };

        var result = await CliRunner.RunAsync(environment, localDataFolder: "", "migrate");

        result.ExitCode.Should().Be(3, result.ToString());
        result.Error.Should().Be(
            $"error: Database '{db.Path}' is being migrated by another process: its lock file '{db.Path}.migrate.lock' stayed locked for longer than the busy timeout (0.2 s, BOOKDATA_BUSY_TIMEOUT)." + Environment.NewLine);
        File.Exists(db.Path).Should().BeFalse();
    }

    [Fact]
    public async Task AddBook_ReaderHoldsTheCatalogInDeleteJournalMode_SaysAReaderMayHoldItAndNamesTheBusyTimeout()
    {
        // In rollback-journal mode a connection that is only reading keeps a writer from committing.
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var environment = new Dictionary<string, string?> { ["BOOKDATA_DB"] = db.Path, ["BOOKDATA_JOURNAL_MODE"] = "delete", ["BOOKDATA_BUSY_TIMEOUT"] = "0.2" };
        (await CliRunner.RunAsync(environment, localDataFolder: "", "authors")).ExitCode.Should().Be(0);
        await using var reader = new SqliteConnection($"Data Source={db.Path};Pooling=False");
        await reader.OpenAsync();
        using var reading = reader.BeginTransaction(deferred: true);
        await using (var select = reader.CreateCommand())
        {
            select.Transaction = reading;
            select.CommandText = "SELECT count(*) FROM book;";
            (await select.ExecuteScalarAsync()).Should().Be(10L);
        }

        var result = await CliRunner.RunAsync(environment, localDataFolder: "", AddBook);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Error.Should().Be(
            $"error: Database '{db.Path}' stayed locked by another connection for longer than the busy timeout (0.2 s, BOOKDATA_BUSY_TIMEOUT): "
            + "another writer, or, in rollback-journal mode (BOOKDATA_JOURNAL_MODE=delete), also a connection that is reading." + Environment.NewLine);
        reading.Rollback();
        (await CliDatabase.CountAsync(db.Path, "book")).Should().Be(10);
    }
}
