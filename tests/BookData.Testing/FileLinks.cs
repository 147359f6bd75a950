using System.Diagnostics;

namespace BookData.Testing;

/// <summary>
/// Creates and checks hard links, FIFOs and device nodes with the system's own tools (.NET has no API for them).
/// </summary>
public static class FileLinks
{
    /// <summary>A hard link: a second name of the same file.</summary>
    public static void CreateHardLink(string link, string existingFile) => Run("ln", existingFile, link);

    /// <summary>A named pipe (FIFO).</summary>
    public static void CreateFifo(string path) => Run("mkfifo", path);

    /// <summary>A character device node of the test's own; false where the process may not make one.</summary>
    public static bool TryCreateCharacterDevice(string path, int major, int minor) =>
        TryRun("mknod", out _, path, "c", major.ToString(System.Globalization.CultureInfo.InvariantCulture), minor.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Whether <paramref name="path"/> is a FIFO.</summary>
    public static bool IsFifo(string path) => TryRun("test", out _, "-p", path);

    /// <summary>Whether <paramref name="path"/> is a character device.</summary>
    public static bool IsCharacterDevice(string path) => TryRun("test", out _, "-c", path);

    private static void Run(string tool, params string[] args)
    {
        if (!TryRun(tool, out var error, args))
        {
            throw new InvalidOperationException($"{tool} failed: {error}");
        }
    }

    private static bool TryRun(string tool, out string error, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
