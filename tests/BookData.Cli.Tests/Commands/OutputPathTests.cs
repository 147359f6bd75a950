using BookData.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BookData.Cli.Tests.Commands;

/// <summary>
/// The file argument of every command that writes a file (export, backup): never the catalog's own database or
/// the files beside it, by any spelling or link; only regular files; <c>export -</c> is standard output.
/// </summary>
public sealed class OutputPathTests
{
    public static TheoryData<string, string> WritingCommandsAndSpellings()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in new[] { "export", "backup" })
        {
            foreach (var spelling in new[] { "same path", "dotted path", "symbolic link", "hard link", "-wal", "-shm", "-journal" })
            {
                data.Add(command, spelling);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WritingCommandsAndSpellings))]
    public async Task WritingCommand_OutputIsTheDatabaseWithForce_ExitsWithUsageErrorAndLeavesTheCatalogIntact(string command, string spelling)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var folder = db.SiblingPath("-links");
        Directory.CreateDirectory(folder);
        try
        {
            var path = DatabasePaths.PathFor(spelling, db.Path, folder);

            // The last connection to close checkpoints the write-ahead log into the file: count first, then read the bytes.
            SqliteConnection.ClearAllPools();
            var books = await db.CountAsync("book");
            var bytes = await File.ReadAllBytesAsync(db.Path);

            var result = await ToolProcess.RunAsync(null, command, path, "--force", "--db", db.Path);

            result.Output.Should().BeEmpty();
            if (command == "export" && spelling == "hard link")
            {
                // The link gives the catalog a second name, so export's own read-write connection is refused first.
                result.ExitCode.Should().BeOneOf([1, 3], result.ToString());
                result.Error.Should().Contain(db.Path).And.ContainAny("Choose another file", "2 hard links");
            }
            else
            {
                result.ExitCode.Should().Be(1, result.ToString());
                result.Error.Should().StartWith($"error: '{path}'").And.Contain(db.Path).And.Contain("Choose another file");
            }
            (await File.ReadAllBytesAsync(db.Path)).Should().Equal(bytes);
            (await db.CountAsync("book")).Should().Be(books);
            File.Exists(db.Path + "-journal").Should().BeFalse();
            if (spelling is "symbolic link" or "hard link")
            {
                (await File.ReadAllBytesAsync(path)).Should().Equal(bytes);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Export_Dash_WritesTheCsvToStandardOutputAndNothingElse()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var file = db.SiblingPath("-export.csv");
        await CliRunner.RunAsync("export", file, "--db", db.Path);

        var result = await ToolProcess.RunAsync(null, "export", "-", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Be(await File.ReadAllTextAsync(file));
        result.Error.Should().BeEmpty();
        File.Exists(Path.Combine(Path.GetTempPath(), "-")).Should().BeFalse();
    }

    [Fact]
    public async Task Export_Dash_InProcess_WritesTheSameCsv()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("export", "-", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Lines[0].Should().Be("first_name,last_name,title,publisher");
        result.Lines.Should().HaveCount(14).And.Contain("John,Le Carre,\"Tinker, Tailor, Solider, Spy: A George Smiley Novel\",Berkley");
    }

    [Theory]
    [InlineData("export")]
    [InlineData("backup")]
    public async Task WritingCommand_Folder_ExitsWithUsageErrorAndLeavesItAlone(string command)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var folder = db.SiblingPath("-folder");
        Directory.CreateDirectory(folder);
        try
        {
            var result = await CliRunner.RunAsync(command, folder, "--force", "--db", db.Path);

            result.ExitCode.Should().Be(1, result.ToString());
            result.Error.Should().Be($"error: '{folder}' is a folder; give the path of a file to write.\n");
            Directory.GetFileSystemEntries(folder).Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("export")]
    [InlineData("backup")]
    public async Task WritingCommand_FifoOrDevice_ExitsWithUsageErrorAndLeavesItAlone(string command)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var db = await CliDatabase.CreateWithSampleAsync();
        var fifo = db.SiblingPath("-pipe");
        FileLinks.CreateFifo(fifo);

        var toFifo = await CliRunner.RunAsync(command, fifo, "--force", "--db", db.Path);

        toFifo.ExitCode.Should().Be(1, toFifo.ToString());
        toFifo.Error.Should().Contain($"'{fifo}' is a FIFO, device or socket");
        new FileInfo(fifo).Length.Should().Be(0);
        FileLinks.IsFifo(fifo).Should().BeTrue("the FIFO is left as it was");

        // A device of the test's own (a copy of /dev/null's numbers), so a broken guard can replace nothing the system needs.
        var device = db.SiblingPath("-device");
        if (!FileLinks.TryCreateCharacterDevice(device, 1, 3))
        {
            return;
        }

        var toDevice = await CliRunner.RunAsync(command, device, "--force", "--db", db.Path);

        toDevice.ExitCode.Should().Be(1, toDevice.ToString());
        toDevice.Error.Should().Contain($"'{device}' is a FIFO, device or socket");
        FileLinks.IsCharacterDevice(device).Should().BeTrue("the device is left as it was");
    }

    [Theory]
    [InlineData("export")]
    [InlineData("backup")]
    public async Task WritingCommand_SymbolicLinkToAnExistingFile_NeedsForceThenReplacesTheTargetAndKeepsTheLink(string command)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var target = db.SiblingPath("-target");
        var link = db.SiblingPath("-link");
        await File.WriteAllTextAsync(target, "old");
        File.CreateSymbolicLink(link, target);

        var refused = await CliRunner.RunAsync(command, link, "--db", db.Path);
        var unchanged = await File.ReadAllTextAsync(target);
        var forced = await CliRunner.RunAsync(command, link, "--force", "--db", db.Path);

        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.Error.Should().Contain("--force");
        unchanged.Should().Be("old");
        forced.ExitCode.Should().Be(0, forced.ToString());
        new FileInfo(link).LinkTarget.Should().Be(target);
        new FileInfo(target).Length.Should().BeGreaterThan(3);
    }

    [Fact]
    public async Task Export_MissingFolder_MessageNamesTheFileNotTheTemporaryOne()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var csv = Path.Combine(db.Path + "-no-such-folder", "export.csv");

        var result = await CliRunner.RunAsync("export", csv, "--db", db.Path);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().StartWith($"error: The folder '{Path.GetDirectoryName(csv)}' of '{csv}' does not exist").And.NotContain(".tmp").And.NotContain("export.csv.");
    }

    [Fact]
    public async Task Export_StandardOutputRedirectedOntoTheCatalog_RefusedAndCatalogUnchanged()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var before = await File.ReadAllBytesAsync(db.Path);

        // As a shell runs 'bookdata export - --db catalog.db 1<>catalog.db': standard output opened read-write on the catalog.
        var result = await ToolProcess.RunProgramAsync(
            "sh", ["-c", "exec \"$0\" \"$1\" export - --db \"$2\" 1<>\"$2\"", Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", ToolProcess.AssemblyPath, db.Path]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Be(
            $"error: '-' (standard output) is the catalog's database file '{db.Path}'; writing it would destroy the catalog. Choose another file.\n");
        (await File.ReadAllBytesAsync(db.Path)).Should().Equal(before);
        (await db.CountAsync("book")).Should().Be(10);
    }

    [Theory]
    [InlineData("export", "out.csv")]
    [InlineData("backup", "copy.db")]
    public async Task WritingCommand_FolderMissing_ExitsWithUsageErrorNamingTheFolder(string command, string name)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var folder = Path.Combine(Path.GetTempPath(), $"bookdata-missing-{Guid.NewGuid():N}");
        var target = Path.Combine(folder, name);

        var result = await CliRunner.RunAsync(command, target, "--db", db.Path);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Be($"error: The folder '{folder}' of '{target}' does not exist; create it first or choose another file.\n");
        Directory.Exists(folder).Should().BeFalse();
        (await db.CountAsync("book")).Should().Be(10);
    }
}
