using System.Text.RegularExpressions;

namespace BookData.Tests.Diagnostics;

/// <summary>docs/logging.md lists every logging event id written in src/ and samples/, with its name.</summary>
public sealed partial class LoggingTableTests
{
    [Fact]
    public void LoggingTable_EveryEventIdInTheSources_HasARowWithItsName()
    {
        var root = RepositoryRoot();
        var table = File.ReadAllText(Path.Combine(root, "docs", "logging.md"));
        var events = new[] { "src", "samples" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => LoggerMessage().Matches(File.ReadAllText(path)).Select(match => (
                Id: match.Groups["id"].Value,
                Name: match.Groups["name"].Success ? match.Groups["name"].Value : match.Groups["method"].Value,
                File: path)))
            .ToArray();

        events.Should().HaveCountGreaterThan(15, "the sources were found and read");
        events.Where(logged => !table.Contains($"| {logged.Id} | {logged.Name} |", StringComparison.Ordinal))
            .Should().BeEmpty("each event needs a row '| id | name |' in docs/logging.md");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "BookData.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("BookData.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"\[LoggerMessage\(\s*EventId\s*=\s*(?<id>\d+)\s*,(?:\s*EventName\s*=\s*""(?<name>\w+)"")?[^\]]*\]\s*(?:\r?\n\s*)*(?:public|private|internal)?\s*static\s+partial\s+void\s+(?<method>\w+)")]
    private static partial Regex LoggerMessage();
}
