using BookData.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BookData.Cli.Tests.Commands;

/// <summary>
/// What a killed backup or export left beside its target (<c>&lt;name&gt;.&lt;pid&gt;-&lt;host&gt;-&lt;id&gt;.partial</c>,
/// <c>.&lt;name&gt;.&lt;pid&gt;-&lt;host&gt;-&lt;id&gt;.tmp</c>): the next backup or export to the same file removes the
/// files of processes of this host that no longer run, and keeps those of a running process or another host.
/// </summary>
public sealed class LeftoverFileTests
{
    [Fact]
    public async Task Backup_LeftoversOfAKilledBackup_RemovedOthersKept()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var folder = Directory.CreateTempSubdirectory("bookdata-leftover-");
        try
        {
            var target = Path.Combine(folder.FullName, "copy.db");
            var dead = $"{target}.{DeadPid()}-{Host}-{Guid.NewGuid():N}";
            var running = $"{target}.{Environment.ProcessId}-{Host}-{Guid.NewGuid():N}.partial";
            var otherHost = $"{target}.{DeadPid()}-elsewhere-{Guid.NewGuid():N}.partial";
            foreach (var path in new[] { dead + ".partial", dead + ".partial-journal", running, otherHost })
            {
                await File.WriteAllTextAsync(path, "left over");
            }

            var result = await CliRunner.RunAsync("backup", target, "--db", db.Path);

            result.ExitCode.Should().Be(0, result.ToString());
            Directory.GetFiles(folder.FullName).Order(StringComparer.Ordinal).Should().Equal(
                new[] { target, running, otherHost }.Order(StringComparer.Ordinal));
            (await CliDatabase.CountAsync(target, "book")).Should().Be(await db.CountAsync("book"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Export_TemporaryFileOfAKilledExport_RemovedOthersKept()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var folder = Directory.CreateTempSubdirectory("bookdata-leftover-");
        try
        {
            var target = Path.Combine(folder.FullName, "out.csv");
            var dead = Path.Combine(folder.FullName, $".out.csv.{DeadPid()}-{Host}-{Guid.NewGuid():N}.tmp");
            var running = Path.Combine(folder.FullName, $".out.csv.{Environment.ProcessId}-{Host}-{Guid.NewGuid():N}.tmp");
            var unrelated = Path.Combine(folder.FullName, $".out.csv.{DeadPid()}-{Host}-notanid.tmp");
            foreach (var path in new[] { dead, running, unrelated })
            {
                await File.WriteAllTextAsync(path, "left over");
            }

            var result = await CliRunner.RunAsync("export", target, "--db", db.Path);

            result.ExitCode.Should().Be(0, result.ToString());
            Directory.GetFiles(folder.FullName).Order(StringComparer.Ordinal).Should().Equal(
                new[] { target, running, unrelated }.Order(StringComparer.Ordinal));
            (await File.ReadAllTextAsync(running)).Should().Be("left over");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>This host's name as temporary file names carry it: letters, digits and dots, anything else '_'.</summary>
    private static string Host =>
        new(Environment.MachineName.Select(c => char.IsAsciiLetterOrDigit(c) || c == '.' ? c : '_').ToArray());

    /// <summary>A process id no process of this host has now.</summary>
    private static int DeadPid()
    {
        for (var pid = 4_000_000; ; pid--)
        {
            if (!Directory.Exists($"/proc/{pid}"))
            {
                return pid;
            }
        }
    }
}
