using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

/// <summary>
/// <c>migrate --status</c> and <c>sql</c> only read: on a database that does not exist they create no file and no
/// folder, neither the database's own folder nor the default data folder.
/// </summary>
public sealed class ReadOnlyCommandsTests
{
    public static TheoryData<string[]> ReadOnlyCommands => new()
    {
        new[] { "migrate", "--status" },
        new[] { "migrate", "--status", "--json" },
        new[] { "sql", "SELECT 1" },
    };

    [Theory]
    [MemberData(nameof(ReadOnlyCommands))]
    public async Task ReadOnlyCommand_DatabaseUnderMissingFolder_CreatesNoFolderAndNoFile(string[] command)
    {
        var root = Path.Combine(Path.GetTempPath(), $"bookdata-cli-readonly-{Guid.NewGuid():N}");
        var database = Path.Combine(root, "not", "yet", "catalog.db");
        try
        {
            var result = await CliRunner.RunAsync([.. command, "--db", database]);

            if (command[0] == "sql")
            {
                result.ExitCode.Should().Be(3, result.ToString());
                result.Error.Should().Contain(database);
            }
            else
            {
                result.ExitCode.Should().Be(0, result.ToString());
                result.Output.Should().Contain("0001");
            }

            Directory.Exists(root).Should().BeFalse("a read-only command creates nothing");
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ReadOnlyCommands))]
    public async Task ReadOnlyCommand_DefaultDatabaseNotCreatedYet_CreatesNoFolderAndNoFile(string[] command)
    {
        var localData = Path.Combine(Path.GetTempPath(), $"bookdata-cli-local-{Guid.NewGuid():N}");
        Directory.CreateDirectory(localData);
        try
        {
            var result = await CliRunner.RunAsync(new Dictionary<string, string?>(), localData, command);

            result.ExitCode.Should().Be(command[0] == "sql" ? 3 : 0, result.ToString());
            Directory.EnumerateFileSystemEntries(localData).Should().BeEmpty("the default data folder is created only to write");
        }
        finally
        {
            Directory.Delete(localData, recursive: true);
        }
    }
}
