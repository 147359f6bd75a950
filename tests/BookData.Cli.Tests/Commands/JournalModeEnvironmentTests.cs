using BookData.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BookData.Cli.Tests.Commands;

/// <summary><c>BOOKDATA_JOURNAL_MODE</c>: the journal mode every command sets (BookDataOptions.JournalMode).</summary>
public sealed class JournalModeEnvironmentTests
{
    [Theory]
    [InlineData("delete")]
    [InlineData("DELETE")]
    public async Task Command_JournalModeDelete_WritesWithoutWalFile(string mode)
    {
        await using var db = CliDatabase.CreateEmpty();
        var environment = new Dictionary<string, string?> { ["BOOKDATA_DB"] = db.Path, ["BOOKDATA_JOURNAL_MODE"] = mode };

        var migrated = await CliRunner.RunAsync(environment, localDataFolder: "", "migrate");
        var added = await CliRunner.RunAsync(environment, localDataFolder: "", "add-book", "--author", "Stephen King", "--title", "The Stand", "--publisher", "Random House");

        migrated.ExitCode.Should().Be(0, migrated.ToString());
        added.ExitCode.Should().Be(0, added.ToString());
        File.Exists(db.Path + "-wal").Should().BeFalse();
        (await CliDatabase.CountAsync(db.Path, "book")).Should().Be(1);
        await using var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        (await command.ExecuteScalarAsync()).Should().Be("delete");
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("1")]
    public async Task Command_BadJournalMode_ExitsWithUsageErrorAndCreatesNothing(string mode)
    {
        await using var db = CliDatabase.CreateEmpty();
        var environment = new Dictionary<string, string?> { ["BOOKDATA_DB"] = db.Path, ["BOOKDATA_JOURNAL_MODE"] = mode };

        var result = await CliRunner.RunAsync(environment, localDataFolder: "", "authors");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Be($"error: BOOKDATA_JOURNAL_MODE must be wal or delete; it is \"{mode}\"." + Environment.NewLine);
        File.Exists(db.Path).Should().BeFalse();
    }
}
