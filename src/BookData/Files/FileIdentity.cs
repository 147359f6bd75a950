using System.Runtime.InteropServices;

namespace BookData.Files;

/// <summary>
/// Which file a path names, by the file system's identity (device and inode on Linux, volume and file index
/// on Windows) rather than by spelling, so two names of one file (symbolic or hard links, <c>..</c>, case)
/// compare equal.
/// </summary>
/// <param name="Device">The device (Linux) or volume serial number (Windows) holding the file.</param>
/// <param name="FileNumber">The inode (Linux) or file index (Windows).</param>
internal readonly record struct FileIdentity(ulong Device, ulong FileNumber)
{
    /// <summary>
    /// Reads the identity and kind of the file at <paramref name="path"/>, following symbolic links.
    /// </summary>
    /// <param name="path">The path.</param>
    /// <param name="kind">What the path names; <see cref="FileKind.Missing"/> when nothing is there.</param>
    /// <returns>
    /// The identity, or <see langword="null"/> when nothing is there or this platform offers no identity
    /// (then <paramref name="kind"/> is still set, from the managed file APIs).
    /// </returns>
    public static FileIdentity? Read(string path, out FileKind kind)
    {
        if (OperatingSystem.IsLinux())
        {
            return LinuxStat.Read(path, out kind);
        }

        kind = Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
        if (OperatingSystem.IsWindows() && kind == FileKind.Regular)
        {
            return WindowsFileInformation.Read(path);
        }

        return null;
    }

    /// <summary>
    /// How many names (hard links) the file at <paramref name="path"/> has, following symbolic links.
    /// </summary>
    /// <param name="path">The path.</param>
    /// <returns>The link count, or <see langword="null"/> when nothing is there or this platform does not tell.</returns>
    public static uint? LinkCount(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            return LinuxStat.Status(path) is { } status ? status.LinkCount : null;
        }

        return OperatingSystem.IsWindows() ? WindowsFileInformation.LinkCount(path) : null;
    }

    /// <summary>The numeric id of the user who owns the file at <paramref name="path"/>, following symbolic links.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The user id, or <see langword="null"/> when nothing is there or this platform is not Linux.</returns>
    public static uint? OwnerId(string path) =>
        OperatingSystem.IsLinux() && LinuxStat.Status(path) is { } status ? status.OwnerId : null;

    /// <summary>Reads the identity of the file an open handle refers to, even when its name has since been removed.</summary>
    /// <param name="handle">An open file handle.</param>
    /// <returns>The identity, or <see langword="null"/> when this platform offers none.</returns>
    public static FileIdentity? Read(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (OperatingSystem.IsLinux())
        {
            return LinuxStat.Read(handle);
        }

        return OperatingSystem.IsWindows() ? WindowsFileInformation.Read(handle) : null;
    }

    /// <summary><c>statx(2)</c>, whose result has one layout on every Linux architecture.</summary>
    private static class LinuxStat
    {
        private const int CurrentDirectory = -100; // AT_FDCWD
        private const uint TypeAndInode = 0x0001 | 0x0100; // STATX_TYPE | STATX_INO
        private const uint LinksAndOwner = 0x0004 | 0x0008; // STATX_NLINK | STATX_UID
        private const ushort TypeMask = 0xF000; // S_IFMT
        private const ushort RegularType = 0x8000; // S_IFREG
        private const ushort DirectoryType = 0x4000; // S_IFDIR
        private const int NoSuchFile = 2; // ENOENT
        private const int NotADirectory = 20; // ENOTDIR

        private static bool missingStatx;

        public static FileIdentity? Read(string path, out FileKind kind)
        {
            if (!missingStatx)
            {
                try
                {
                    if (Statx(CurrentDirectory, NullTerminatedUtf8(path), 0, TypeAndInode, out var status) != 0)
                    {
                        var error = Marshal.GetLastPInvokeError();
                        if (error is NoSuchFile or NotADirectory)
                        {
                            kind = FileKind.Missing;
                            return null;
                        }

                        // No permission to look, a loop of links: decide from the managed APIs below.
                        return Fallback(path, out kind);
                    }

                    kind = (status.Mode & TypeMask) switch
                    {
                        RegularType => FileKind.Regular,
                        DirectoryType => FileKind.Directory,
                        _ => FileKind.Special,
                    };
                    return new FileIdentity(((ulong)status.DeviceMajor << 32) | status.DeviceMinor, status.Inode);
                }
                catch (EntryPointNotFoundException)
                {
                    // A C library older than statx (glibc 2.28): identities by path only.
                    missingStatx = true;
                }
            }

            return Fallback(path, out kind);
        }

        /// <summary>The link count and owner of the file at <paramref name="path"/>; <see langword="null"/> when it cannot be read.</summary>
        public static (uint LinkCount, uint OwnerId)? Status(string path)
        {
            if (missingStatx)
            {
                return null;
            }

            try
            {
                return Statx(CurrentDirectory, NullTerminatedUtf8(path), 0, LinksAndOwner, out var status) == 0
                    ? (status.LinkCount, status.OwnerId)
                    : null;
            }
            catch (EntryPointNotFoundException)
            {
                missingStatx = true;
                return null;
            }
        }

        public static FileIdentity? Read(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
        {
            const int emptyPath = 0x1000; // AT_EMPTY_PATH: the file the descriptor refers to
            if (missingStatx)
            {
                return null;
            }

            var added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                return Statx((int)handle.DangerousGetHandle(), [0], emptyPath, TypeAndInode, out var status) == 0
                    ? new FileIdentity(((ulong)status.DeviceMajor << 32) | status.DeviceMinor, status.Inode)
                    : null;
            }
            catch (EntryPointNotFoundException)
            {
                missingStatx = true;
                return null;
            }
            finally
            {
                if (added)
                {
                    handle.DangerousRelease();
                }
            }
        }

        private static byte[] NullTerminatedUtf8(string path)
        {
            var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1];
            System.Text.Encoding.UTF8.GetBytes(path, bytes);
            return bytes;
        }

        private static FileIdentity? Fallback(string path, out FileKind kind)
        {
            kind = Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
            return null;
        }

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int Statx(
            int directory,
            byte[] path,
            int flags,
            uint mask,
            out StatxResult result);

        /// <summary>The parts of <c>struct statx</c> read here; the kernel fills all 256 bytes.</summary>
        [StructLayout(LayoutKind.Explicit, Size = 256)]
        private struct StatxResult
        {
            [FieldOffset(16)]
            public uint LinkCount;

            [FieldOffset(20)]
            public uint OwnerId;

            [FieldOffset(28)]
            public ushort Mode;

            [FieldOffset(32)]
            public ulong Inode;

            [FieldOffset(136)]
            public uint DeviceMajor;

            [FieldOffset(140)]
            public uint DeviceMinor;
        }
    }

    /// <summary><c>GetFileInformationByHandle</c>: the volume serial number and the file index.</summary>
    private static class WindowsFileInformation
    {
        public static FileIdentity? Read(string path)
        {
            try
            {
                // Sharing everything disturbs no other user of the file.
                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                return GetFileInformationByHandle(handle, out var information)
                    ? new FileIdentity(information.VolumeSerialNumber, ((ulong)information.FileIndexHigh << 32) | information.FileIndexLow)
                    : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        public static uint? LinkCount(string path)
        {
            try
            {
                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                return GetFileInformationByHandle(handle, out var information) ? information.NumberOfLinks : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        public static FileIdentity? Read(Microsoft.Win32.SafeHandles.SafeFileHandle handle) =>
            GetFileInformationByHandle(handle, out var information)
                ? new FileIdentity(information.VolumeSerialNumber, ((ulong)information.FileIndexHigh << 32) | information.FileIndexLow)
                : null;

        [DllImport("kernel32.dll", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool GetFileInformationByHandle(Microsoft.Win32.SafeHandles.SafeFileHandle file, out ByHandleFileInformation information);

        [StructLayout(LayoutKind.Sequential)]
        private struct ByHandleFileInformation
        {
            public uint FileAttributes;
            // Three FILETIMEs, each two DWORDs (4-byte aligned, so not longs).
            public uint CreationTimeLow;
            public uint CreationTimeHigh;
            public uint LastAccessTimeLow;
            public uint LastAccessTimeHigh;
            public uint LastWriteTimeLow;
            public uint LastWriteTimeHigh;
            public uint VolumeSerialNumber;
            public uint FileSizeHigh;
            public uint FileSizeLow;
            public uint NumberOfLinks;
            public uint FileIndexHigh;
            public uint FileIndexLow;
        }
    }
}
