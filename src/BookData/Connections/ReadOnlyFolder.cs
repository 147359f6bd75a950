using System.Runtime.InteropServices;

namespace BookData.Connections;

/// <summary>
/// Whether this process may create files in a folder, asked of the operating system (<c>access(2)</c> with
/// <c>W_OK</c>), which knows the user, groups, access lists and read-only mounts; root may write anywhere.
/// </summary>
internal static class ReadOnlyFolder
{
    private const int WriteAccess = 2;

    /// <summary>
    /// <see langword="true"/> when <paramref name="folder"/> exists and this process may not create files in it.
    /// Always <see langword="false"/> on Windows, where SQLite opens such databases without help.
    /// </summary>
    public static bool IsReadOnly(string folder) => Directory.Exists(folder) && MayNotWrite(folder);

    /// <summary>
    /// <see langword="true"/> when <paramref name="path"/> exists and this process may not write it. Always
    /// <see langword="false"/> on Windows.
    /// </summary>
    public static bool IsReadOnlyFile(string path) => File.Exists(path) && MayNotWrite(path);

    /// <summary>Asks <c>access(2)</c> with <c>W_OK</c>; <see langword="false"/> on Windows or where libc cannot be reached.</summary>
    private static bool MayNotWrite(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            return access(path, WriteAccess) != 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

#pragma warning disable CA2101, CA5392, SYSLIB1054 // libc resolves by name on every Unix; a plain import avoids unsafe code.
    [DllImport("libc", EntryPoint = "access")]
    private static extern int access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);
#pragma warning restore CA2101, CA5392, SYSLIB1054
}
