using System.Diagnostics;
using System.Globalization;
using System.Text;
using BookData.Cli.Tests.Support;
using BookData.Migrations;
using Microsoft.Data.Sqlite;

namespace BookData.Cli.Tests.Guarantees;

/// <summary>
/// The guarantees across processes: concurrent writers lose nothing, racing migrators apply each script
/// once, and an import killed with SIGKILL leaves the catalog exactly as it was.
/// </summary>
public sealed class ProcessGuaranteesTests
{
    private const int WriterProcesses = 8;
    private const int WritesPerProcess = 25;
    private const int MigratorProcesses = 6;
    private const int KilledImportRows = 300_000;

    // The writers' busy timeout. A fresh process compiles its data-access code on its first write, while it holds
    // the write lock; on a test machine running other suites at once, 8 processes queueing behind that can wait
    // longer than the default 30 seconds. The guarantee is the same: no writer fails within its busy timeout.
    private static readonly Dictionary<string, string> WriterEnvironment = new() { ["BOOKDATA_BUSY_TIMEOUT"] = "120" };

    [Fact]
    public async Task AddBook_EightProcessesAtOnce_AllTwoHundredWritesLand()
    {
        await using var database = CliDatabase.CreateEmpty();
        (await ToolProcess.RunAsync(null, "migrate", "--db", database.Path)).ExitCode.Should().Be(0);

        var writers = Enumerable.Range(0, WriterProcesses).Select(writer => Task.Run(async () =>
        {
            var results = new List<CliResult>();
            for (var i = 0; i < WritesPerProcess; i++)
            {
                results.Add(await ToolProcess.RunAsync(
                    null,
                    WriterEnvironment,
                    "add-book",
                    "--db", database.Path,
                    "--author", $"Writer{writer % 3} Process{writer}",
                    "--title", $"Book {writer}-{i}",
                    "--publisher", $"Press {i % 5}"));
            }

            return results;
        }));
        var all = (await Task.WhenAll(writers)).SelectMany(results => results).ToArray();

        all.Should().OnlyContain(result => result.ExitCode == 0, "every process must succeed: {0}", all.FirstOrDefault(r => r.ExitCode != 0));
        (await database.CountAsync("book")).Should().Be(WriterProcesses * WritesPerProcess);
        (await database.CountAsync("book_publisher")).Should().Be(WriterProcesses * WritesPerProcess);
        (await database.CountAsync("author")).Should().Be(WriterProcesses);
        (await database.CountAsync("publisher")).Should().Be(5);
    }

    [Fact]
    public async Task Migrate_SixProcessesOnOneNewFile_AllSucceedAndEachScriptIsAppliedOnce()
    {
        await using var database = CliDatabase.CreateEmpty();
        database.SiblingPath(".migrate.lock");

        var migrators = Enumerable.Range(0, MigratorProcesses)
            .Select(_ => ToolProcess.RunAsync(null, "migrate", "--db", database.Path));
        var results = await Task.WhenAll(migrators);

        results.Should().OnlyContain(result => result.ExitCode == 0, "every migrator must succeed: {0}", results.FirstOrDefault(r => r.ExitCode != 0));
        (await database.CountAsync("schema_version")).Should().Be(BookDataMigrator.ScriptNames.Count);
        (await database.CountAsync("(SELECT DISTINCT script_name FROM schema_version)")).Should().Be(BookDataMigrator.ScriptNames.Count);
    }

    [Fact]
    public async Task Import_KilledMidway_LeavesCatalogAsBeforeAndCanBeRerun()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // The kill point is found through /proc, which only Linux has.
        }

        await using var database = await CliDatabase.CreateWithSampleAsync();
        var csv = database.SiblingPath(".import.csv");
        WriteCatalogCsv(csv, KilledImportRows);
        var before = await SnapshotAsync(database.Path);
        var linksBefore = await database.CountAsync("book_publisher");

        var killedAt = await StartImportAndKillAsync(database.Path, csv);

        killedAt.Should().BePositive("the import must be killed while it runs, not after it ended");
        SqliteConnection.ClearAllPools();
        (await ScalarAsync(database.Path, "PRAGMA integrity_check;")).Should().Be("ok");
        (await SnapshotAsync(database.Path)).Should().Be(before);

        var rerun = await ToolProcess.RunAsync(null, "import", csv, "--db", database.Path);
        rerun.ExitCode.Should().Be(0, rerun.ToString());
        (await database.CountAsync("book_publisher")).Should().Be(linksBefore + KilledImportRows);
    }

    /// <summary>
    /// Starts <c>bookdata import</c>, waits until the process has read half the file's size (the
    /// <c>rchar</c> counter in /proc/PID/io; .NET reads files with pread, so the descriptor's offset
    /// does not move), then kills it with SIGKILL.
    /// </summary>
    /// <returns>The bytes the process had read when it was killed; 0 when it ended before that.</returns>
    private static async Task<long> StartImportAndKillAsync(string databasePath, string csvPath)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { ToolProcess.AssemblyPath, "import", csvPath, "--db", databasePath })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var halfway = new FileInfo(csvPath).Length / 2;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            var read = BytesRead(process.Id);
            if (read > halfway)
            {
                process.Kill(); // SIGKILL: no finally blocks, no rollback by the process itself.
                await process.WaitForExitAsync();
                return read;
            }

            await Task.Delay(2);
        }

        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        return 0;
    }

    /// <summary>The bytes process <paramref name="pid"/> has read through system calls so far; 0 when unknown.</summary>
    private static long BytesRead(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/io").First(l => l.StartsWith("rchar:", StringComparison.Ordinal));
            return long.Parse(line["rchar:".Length..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return 0; // The process is starting or ending; try again.
        }
    }

    private static void WriteCatalogCsv(string path, int rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.Write("first_name,last_name,title,publisher\n");
        for (var i = 0; i < rows; i++)
        {
            writer.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"First{i % 20_000},Last{i % 7_919},Title {i / 2},Publisher {i % 500}\n"));
        }
    }

    private static async Task<string> SnapshotAsync(string path)
    {
        var text = new StringBuilder();
        foreach (var sql in new[]
        {
            "SELECT group_concat(author_id || '|' || first_name || '|' || last_name, ';') FROM (SELECT * FROM author ORDER BY author_id)",
            "SELECT group_concat(publisher_id || '|' || name, ';') FROM (SELECT * FROM publisher ORDER BY publisher_id)",
            "SELECT group_concat(book_id || '|' || author_id || '|' || title, ';') FROM (SELECT * FROM book ORDER BY book_id)",
            "SELECT group_concat(book_id || '|' || publisher_id, ';') FROM (SELECT * FROM book_publisher ORDER BY book_id, publisher_id)",
        })
        {
            text.AppendLine(await ScalarAsync(path, sql));
        }

        return text.ToString();
    }

    private static async Task<string> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }
}
