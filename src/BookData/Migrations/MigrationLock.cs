using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using BookData.Files;

namespace BookData.Migrations;

/// <summary>
/// Exclusive right to migrate one database, held for a whole upgrade. For a file database it is an
/// operating-system lock on <c>&lt;database&gt;.migrate.lock</c> (opened with <see cref="FileShare.None"/>,
/// which .NET implements with <c>flock</c> on Unix), so it works across threads and processes and is
/// released by the operating system if the process dies. An in-memory database lives in one process
/// and is guarded by a semaphore.
/// </summary>
/// <remarks>
/// The lock file is removed when the lock is released, while it is still held, so no lock file is left
/// beside the database. A waiter that opened the file before it was removed would then lock a file that
/// no longer has that name, so after locking, the holder checks that the name still leads to the file it
/// locked (by device and inode, or volume and file index) and starts again if not: two holders can never
/// lock different files at once. Where the platform gives no file identity (neither Linux nor Windows), the
/// lock file cannot be checked that way, and it is left in place rather than removed.
/// </remarks>
internal sealed class MigrationLock : IDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> InProcessLocks = new(StringComparer.Ordinal);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(100);

    private readonly string? lockPath;
    private FileStream? file;
    private SemaphoreSlim? semaphore;

    private MigrationLock(FileStream? file, string? lockPath, SemaphoreSlim? semaphore)
    {
        this.file = file;
        this.lockPath = lockPath;
        this.semaphore = semaphore;
    }

    /// <summary>Locks <paramref name="lockPath"/>, retrying until <paramref name="timeout"/> has passed.</summary>
    /// <exception cref="BookDataDatabaseException">Another process held the lock for longer than the timeout, or the lock file cannot be created.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled while waiting.</exception>
    public static async Task<MigrationLock> AcquireFileAsync(
        string lockPath, string dataSource, TimeSpan timeout, Action onWait, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(5);
        var notified = false;
        while (true)
        {
            try
            {
                var stream = OpenLockFile(lockPath, dataSource);
                switch (StillNamed(stream, lockPath))
                {
                    case true:
                        return new MigrationLock(stream, OperatingSystem.IsWindows() ? null : lockPath, null);
                    case null:
                        return new MigrationLock(stream, null, null); // No identity to check: the file stays.
                    default:
                        // The previous holder removed the file between this open and this lock: open the new one.
                        await stream.DisposeAsync().ConfigureAwait(false);
                        continue;
                }
            }
            catch (IOException ex) when (IsHeldElsewhere(ex))
            {
                var remaining = timeout - waited.Elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    throw new BookDataDatabaseException(
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"Database '{dataSource}' is being migrated by another process: its lock file '{lockPath}' stayed locked for longer than {Connections.SqliteErrors.BusyTimeout(timeout)}."),
                        ex);
                }

                if (!notified)
                {
                    onWait();
                    notified = true;
                }

                await Task.Delay(Min(pause, remaining), cancellationToken).ConfigureAwait(false);
                pause = Min(pause * 2, LongestPause);
            }
            catch (FileNotFoundException)
            {
                // Removed by its holder between this process's look and its open: look again.
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new BookDataDatabaseException(
                    File.Exists(lockPath)
                        ? $"Cannot migrate database '{dataSource}': its lock file '{lockPath}' exists, belongs to {OwnerOf(lockPath)} and cannot be opened by this process ({ex.Message.TrimEnd('.')}). "
                            + "A migration run by that user left it behind; when no migration is running, that user or root can remove it."
                        : $"Cannot migrate database '{dataSource}': its lock file '{lockPath}' cannot be created ({ex.Message})",
                    ex);
            }
        }
    }

    /// <summary>
    /// Opens the lock file without following a symbolic link in its place: a new file is created with
    /// <see cref="FileMode.CreateNew"/> (<c>O_CREAT | O_EXCL</c>, which never follows a link, so nothing is created where a
    /// planted link points), and an existing one is opened only after it is seen to be a regular file. An existing
    /// lock file this process may not write (another user's, left by a migration run as root in a shared folder) is
    /// opened read-only: <c>flock</c> locks through a read-only descriptor just the same.
    /// </summary>
    /// <exception cref="BookDataDatabaseException">The lock path is a symbolic link, a folder or another kind of file.</exception>
    /// <exception cref="FileNotFoundException">The lock file was removed between the look and the open.</exception>
    /// <exception cref="IOException">Another process holds the lock, or the file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be created or opened, even read-only.</exception>
    private static FileStream OpenLockFile(string lockPath, string dataSource)
    {
        var options = OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None;
        while (true)
        {
            ThrowIfNotPlainFile(lockPath, dataSource);
            try
            {
                return new FileStream(lockPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, options);
            }
            catch (FileNotFoundException ex)
            {
                // ENOENT on an exclusive create: the folder refuses new files (as /proc does), not a holder's removal.
                throw new IOException(ex.Message, ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && !(ex is IOException io && IsHeldElsewhere(io))
                && (Entry(lockPath) is not null || IsAlreadyThere(ex)))
            {
                // It exists (created by another migrator meanwhile, or left behind): open it as it is, below; or its
                // holder removed it since: create it again.
                if (Entry(lockPath) is not null)
                {
                    break;
                }
            }
        }

        ThrowIfNotPlainFile(lockPath, dataSource);
        try
        {
            return new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, options);
        }
        catch (UnauthorizedAccessException)
        {
            return new FileStream(lockPath, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 1, options);
        }
    }

    /// <summary>Whether creating a file failed because something was already there (EEXIST on Unix, ERROR_FILE_EXISTS on Windows).</summary>
    private static bool IsAlreadyThere(Exception ex) =>
        ex.GetType() == typeof(IOException) && (ex.HResult is 17 || (ex.HResult & 0xFFFF) is 80 or 183);

    /// <summary>Refuses a lock path that is a symbolic link or anything but a regular file; nothing there is fine.</summary>
    /// <exception cref="BookDataDatabaseException">The lock path is a symbolic link, a folder or a special file.</exception>
    private static void ThrowIfNotPlainFile(string lockPath, string dataSource)
    {
        var entry = Entry(lockPath);
        if (entry is null)
        {
            return;
        }

        if (entry.LinkTarget is { } target)
        {
            throw new BookDataDatabaseException(
                $"Cannot migrate database '{dataSource}': its lock file '{lockPath}' is a symbolic link (to '{target}'). "
                + "The migration never creates or locks a file through a link there, since a link planted in a shared folder would make it create one elsewhere; remove the link.");
        }

        FileIdentity.Read(lockPath, out var kind);
        if (kind is FileKind.Directory or FileKind.Special)
        {
            throw new BookDataDatabaseException(
                $"Cannot migrate database '{dataSource}': its lock file '{lockPath}' is {(kind == FileKind.Directory ? "a folder" : "not a regular file")}; the migration locks an empty regular file there. Remove it.");
        }
    }

    /// <summary>What is at <paramref name="path"/> itself (a link is not followed); <see langword="null"/> when nothing is.</summary>
    private static FileSystemInfo? Entry(string path)
    {
        FileSystemInfo file = new FileInfo(path);
        if (file.Exists || file.LinkTarget is not null)
        {
            return file;
        }

        var folder = new DirectoryInfo(path);
        return folder.Exists ? folder : null;
    }

    /// <summary>The owner of <paramref name="path"/> for messages: a user name and id on Linux.</summary>
    private static string OwnerOf(string path)
    {
        if (FileIdentity.OwnerId(path) is not { } id)
        {
            return "another user";
        }

        var number = id.ToString(CultureInfo.InvariantCulture);
        try
        {
            var name = File.ReadLines("/etc/passwd")
                .Select(line => line.Split(':'))
                .FirstOrDefault(fields => fields.Length > 2 && fields[2] == number)?[0];
            return name is null ? $"user id {number}" : $"user '{name}' (id {number})";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"user id {number}";
        }
    }

    /// <summary>Takes the in-process lock for an in-memory database named by <paramref name="key"/>.</summary>
    /// <exception cref="BookDataDatabaseException">Another migration held it for longer than the timeout.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled while waiting.</exception>
    public static async Task<MigrationLock> AcquireInProcessAsync(
        string key, string dataSource, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var semaphore = InProcessLocks.GetOrAdd(key, static _ => new SemaphoreSlim(1, 1));
        if (!await semaphore.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
        {
            throw new BookDataDatabaseException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"In-memory database '{dataSource}' is being migrated by another caller for longer than {Connections.SqliteErrors.BusyTimeout(timeout)}."));
        }

        return new MigrationLock(null, null, semaphore);
    }

    public void Dispose()
    {
        var held = Interlocked.Exchange(ref file, null);
        if (held is not null && lockPath is not null)
        {
            try
            {
                File.Delete(lockPath); // Still held: no other process can hold a lock on this file now.
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A lock file that cannot be removed is left in place; it is harmless and used again next time.
            }
        }

        held?.Dispose();
        Interlocked.Exchange(ref semaphore, null)?.Release();
    }

    /// <summary>
    /// Whether opening failed only because another handle holds the lock: a sharing or lock violation
    /// on Windows, <c>EWOULDBLOCK</c> from <c>flock</c> on Unix (11 on Linux, 35 on macOS and BSD).
    /// </summary>
    private static bool IsHeldElsewhere(IOException ex)
    {
        if (ex.GetType() != typeof(IOException))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            const int sharingViolation = 32;
            const int lockViolation = 33;
            return (ex.HResult & 0xFFFF) is sharingViolation or lockViolation;
        }

        return ex.HResult is 11 or 35;
    }

    /// <summary>
    /// Whether <paramref name="path"/> still names the file <paramref name="stream"/> has open;
    /// <see langword="null"/> when the platform gives no identity to compare.
    /// </summary>
    private static bool? StillNamed(FileStream stream, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true; // Opened without sharing delete: nobody could remove it while this process opened it.
        }

        var locked = FileIdentity.Read(stream.SafeFileHandle);
        if (locked is null)
        {
            return null;
        }

        return FileIdentity.Read(path, out _) == locked;
    }

    private static TimeSpan Min(TimeSpan left, TimeSpan right) => left < right ? left : right;
}
