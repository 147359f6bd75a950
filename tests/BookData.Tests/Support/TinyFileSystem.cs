using System.Diagnostics;
using System.Globalization;

namespace BookData.Tests.Support;

/// <summary>
/// A tmpfs of a few hundred KiB mounted on a fresh folder, for tests of a full disk; unmounted and removed when
/// disposed. Mounting needs Linux and root (as CI runs); <see cref="RequiresTinyFileSystemFactAttribute"/> skips
/// the test elsewhere.
/// </summary>
public sealed class TinyFileSystem : IDisposable
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    private TinyFileSystem(string folder) => Folder = folder;

    /// <summary>The mounted folder.</summary>
    public string Folder { get; }

    /// <summary>Why a tiny file system cannot be mounted here, or <see langword="null"/> when it can.</summary>
    public static string? SkipReason => Unavailable.Value;

    /// <summary>Mounts a tmpfs of <paramref name="kibibytes"/> KiB on a new folder.</summary>
    /// <param name="kibibytes">Its size.</param>
    /// <param name="inodes">How many files and folders it can hold, its root included; no limit of its own when <see langword="null"/>.</param>
    public static TinyFileSystem Mount(int kibibytes, int? inodes = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"bookdata-tinyfs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var options = string.Create(CultureInfo.InvariantCulture, $"size={kibibytes}k") + (inodes is { } n ? string.Create(CultureInfo.InvariantCulture, $",nr_inodes={n}") : "");
        var error = Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", folder);
        if (error is not null)
        {
            Directory.Delete(folder);
            throw new InvalidOperationException($"Cannot mount a tmpfs on '{folder}': {error}");
        }

        return new TinyFileSystem(folder);
    }

    /// <summary>Fills the file system with a file until no byte is left; returns the file's path.</summary>
    public string Fill()
    {
        var filler = Path.Combine(Folder, "filler");
        using var stream = new FileStream(filler, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 1);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // ENOSPC: full.
        }

        var one = new byte[1];
        try
        {
            while (true)
            {
                stream.Write(one);
            }
        }
        catch (IOException)
        {
            // Full to the last byte.
        }

        return filler;
    }

    /// <summary>Mounts the file system again read-only: creating a file in it then fails with EROFS.</summary>
    public void RemountReadOnly()
    {
        var error = Run("mount", "-o", "remount,ro", Folder);
        if (error is not null)
        {
            throw new InvalidOperationException($"Cannot remount '{Folder}' read-only: {error}");
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Run("umount", Folder);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "A tiny file system is mounted as a tmpfs, which needs Linux.";
        }

        if (Environment.UserName != "root")
        {
            return "Mounting a tiny tmpfs needs root (CI runs the tests as root); run as root to include this test.";
        }

        try
        {
            using var probe = Mount(64);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            return $"Mounting a tiny tmpfs failed here ({ex.Message}); the test needs mount permission.";
        }

        return null;
    }

    /// <summary>Runs a command; returns its error output when it fails, else <see langword="null"/>.</summary>
    private static string? Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"{program} exited with {process.ExitCode}: {error.Trim()}";
    }
}
