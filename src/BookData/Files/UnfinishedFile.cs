using System.Globalization;
using BookData.Connections;
using Microsoft.Extensions.Logging;

namespace BookData.Files;

/// <summary>
/// The names of the temporary files BookData writes a file through before moving it into place (a backup's
/// <c>.partial</c>, an export's <c>.tmp</c>), and the one rule for removing those a killed process left behind.
/// </summary>
/// <remarks>
/// A temporary name carries the writer's process id and host name: <c>&lt;prefix&gt;.&lt;pid&gt;-&lt;host&gt;-&lt;id&gt;&lt;suffix&gt;</c>.
/// A file of that pattern is provably left over when it was written on this host by a process that no longer
/// runs; only such files are removed. A file from another host (a shared network folder) or of a process that
/// still runs (or whose id was reused since) stays: removing it could break a write under way.
/// </remarks>
internal static class UnfinishedFile
{
    private static readonly string Host = SafeHostName();

    /// <summary>A new temporary name in <paramref name="folder"/>: <c>&lt;prefix&gt;.&lt;pid&gt;-&lt;host&gt;-&lt;id&gt;&lt;suffix&gt;</c>.</summary>
    /// <param name="folder">The folder of the file being written.</param>
    /// <param name="prefix">The start of the name, for example <c>backup.db</c> or <c>.out.csv</c>.</param>
    /// <param name="suffix">The end of the name, for example <c>.partial</c> or <c>.tmp</c>.</param>
    /// <returns>The full path of the temporary file.</returns>
    public static string NewPath(string folder, string prefix, string suffix) =>
        Path.Combine(folder, string.Create(
            CultureInfo.InvariantCulture, $"{prefix}.{Environment.ProcessId}-{Host}-{Guid.NewGuid():N}{suffix}"));

    /// <summary>
    /// Deletes the files named <c>&lt;prefix&gt;.&lt;pid&gt;-&lt;host&gt;-&lt;id&gt;&lt;suffix&gt;</c> (for each of
    /// <paramref name="suffixes"/>) in <paramref name="folder"/> that a process of this host that no longer runs
    /// left behind. Best effort: a file that cannot be deleted stays (and is logged).
    /// </summary>
    /// <param name="folder">The folder to look in.</param>
    /// <param name="prefix">The start of the names.</param>
    /// <param name="suffixes">The ends of the names, for example <c>.partial</c> and <c>.partial-journal</c>.</param>
    /// <param name="dataSource">The database the files belong to, for the log.</param>
    /// <param name="logger">Where a failure to delete is logged; none when <see langword="null"/>.</param>
    /// <returns>The files deleted.</returns>
    public static IReadOnlyList<string> RemoveLeftOver(string folder, string prefix, IReadOnlyList<string> suffixes, string dataSource, ILogger? logger)
    {
        var removed = new List<string>();
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(folder, prefix + ".*").ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return removed;
        }

        foreach (var path in candidates)
        {
            var name = Path.GetFileName(path);
            foreach (var suffix in suffixes)
            {
                if (name.Length > prefix.Length + 1 + suffix.Length
                    && name.StartsWith(prefix + ".", StringComparison.Ordinal)
                    && name.EndsWith(suffix, StringComparison.Ordinal)
                    && IsLeftOver(name[(prefix.Length + 1)..^suffix.Length]))
                {
                    Cleanup.DeleteFile(path, dataSource, logger);
                    if (!File.Exists(path))
                    {
                        removed.Add(path);
                    }

                    break;
                }
            }
        }

        return removed;
    }

    /// <summary>Whether <c>&lt;pid&gt;-&lt;host&gt;-&lt;id&gt;</c> names a process of this host that no longer runs.</summary>
    private static bool IsLeftOver(string token)
    {
        var firstDash = token.IndexOf('-', StringComparison.Ordinal);
        var lastDash = token.LastIndexOf('-');
        if (firstDash <= 0 || lastDash <= firstDash || token.Length - lastDash - 1 != 32
            || !int.TryParse(token.AsSpan(0, firstDash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !string.Equals(token[(firstDash + 1)..lastDash], Host, StringComparison.Ordinal))
        {
            return false;
        }

        return pid != Environment.ProcessId && !IsRunning(pid);
    }

    private static bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}"));
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The host name with anything but letters, digits and dots replaced, so that it fits a file name.</summary>
    private static string SafeHostName()
    {
        string name;
        try
        {
            name = Environment.MachineName;
        }
        catch (InvalidOperationException)
        {
            name = "host";
        }

        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '.' ? c : '_').ToArray();
        return chars.Length == 0 ? "host" : new string(chars);
    }
}
