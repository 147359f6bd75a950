using System.Diagnostics;

namespace BookData.Tests.Support;

/// <summary>Creates hard links and FIFOs with the system's own tools (.NET has no API for either).</summary>
public static class FileLinks
{
    /// <summary>A hard link: a second name of the same file.</summary>
    public static void CreateHardLink(string link, string existingFile) => Run("ln", existingFile, link);

    /// <summary>A named pipe (FIFO).</summary>
    public static void CreateFifo(string path) => Run("mkfifo", path);

    private static void Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {error}");
        }
    }
}
