using System.Diagnostics;
using System.Runtime.InteropServices;
using BookData.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BookData.Cli.Tests.Guarantees;

/// <summary>
/// Ctrl+C (SIGINT) sent to the real tool while it writes: the command stops, removes what it half-wrote, says so
/// on standard error and exits with 130; the catalog is unchanged.
/// </summary>
public sealed class InterruptionTests
{
    private const string Interrupted = "error: Interrupted before the command finished; nothing was left half-written.";

    [Fact]
    public async Task Backup_SigintWhileCopying_Exits130WithMessageAndLeavesNoPartialFile()
    {
        var folder = Directory.CreateTempSubdirectory("bookdata-interrupt-");
        try
        {
            var catalog = Path.Combine(folder.FullName, "catalog.db");
            await CreateLargeCatalogAsync(catalog);
            var target = Path.Combine(folder.FullName, "copy.db");

            var result = await RunAndInterruptAsync(
                folder.FullName, "*.partial", "backup", target, "--db", catalog);

            result.ExitCode.Should().Be(130, result.ToString());
            result.Error.Should().Be(Interrupted + "\n");
            result.Output.Should().BeEmpty();
            // The catalog's own -wal and -shm stay, as after any read-only use; nothing of the copy does.
            Directory.GetFiles(folder.FullName, "copy.db*").Should().BeEmpty();
            (await CliDatabase.CountAsync(catalog, "junk")).Should().Be(JunkRows);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Export_SigintWhileWriting_Exits130WithMessageAndLeavesNoTemporaryFile()
    {
        var folder = Directory.CreateTempSubdirectory("bookdata-interrupt-");
        try
        {
            var catalog = Path.Combine(folder.FullName, "catalog.db");
            var csv = Path.Combine(folder.FullName, "books.csv");
            await File.WriteAllLinesAsync(csv, ["first_name,last_name,title,publisher", .. Enumerable.Range(0, 300_000).Select(i => $"F{i % 500},L{i % 500},Book {i},Pub {i % 7}")]);
            (await CliRunner.RunAsync("import", csv, "--db", catalog)).ExitCode.Should().Be(0);
            File.Delete(csv);
            var target = Path.Combine(folder.FullName, "out.csv");

            var result = await RunAndInterruptAsync(folder.FullName, ".out.csv.*.tmp", "export", target, "--db", catalog);

            result.ExitCode.Should().Be(130, result.ToString());
            result.Error.Should().Be(Interrupted + "\n");
            Directory.GetFiles(folder.FullName, "*out.csv*").Should().BeEmpty();
            (await CliDatabase.CountAsync(catalog, "book")).Should().Be(300_000);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private const int JunkRows = 50_000;

    /// <summary>A catalog of about 200 MB, so that a backup of it (from the page cache: a few hundred milliseconds) takes long enough to be interrupted.</summary>
    private static async Task CreateLargeCatalogAsync(string path)
    {
        (await CliRunner.RunAsync("demo", "--db", path)).ExitCode.Should().Be(0);
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TABLE junk (x BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {JunkRows}) INSERT INTO junk SELECT zeroblob(4000) FROM n; PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Starts the tool (with SIGINT's default action, which a shell's background job would otherwise ignore), waits
    /// until a file matching <paramref name="pattern"/> appears in <paramref name="folder"/>, sends SIGINT and
    /// collects the outcome.
    /// </summary>
    private static async Task<CliResult> RunAndInterruptAsync(string folder, string pattern, params string[] args)
    {
        // The tool must be the only one with the catalog open: what it leaves beside it is checked afterwards.
        SqliteConnection.ClearAllPools();
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var arg in (string[])["--default-signal=INT", Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", ToolProcess.AssemblyPath, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("BOOKDATA_DB");

        // Told of the file by the kernel the moment it is created: a copy of a cached catalog can be over before a
        // poll of the folder comes round.
        using var watcher = new FileSystemWatcher(folder, pattern) { NotifyFilter = NotifyFilters.FileName };
        var appeared = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Created += (_, _) => appeared.TrySetResult();
        watcher.EnableRaisingEvents = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        // Bounds so a hung process fails the test instead of the run; not speed assertions.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!appeared.Task.IsCompleted && Directory.GetFiles(folder, pattern).Length == 0)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The command ended (exit code {process.ExitCode}) before {pattern} appeared: {await output} {await error}");
            }

            await Task.WhenAny(appeared.Task, Task.Delay(2, timeout.Token));
        }

        Kill(process.Id, Sigint).Should().Be(0);
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }

    private const int Sigint = 2;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
