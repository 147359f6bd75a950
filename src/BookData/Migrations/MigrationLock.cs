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
                var stream = new FileStream(
                    lockPath,
                    FileMode.OpenOrCreate,
                    FileAccess.ReadWrite,
                    FileShare.None,
                    bufferSize: 1,
                    OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None);
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
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new BookDataDatabaseException(
                    $"Cannot migrate database '{dataSource}': its lock file '{lockPath}' cannot be created ({ex.Message})",
                    ex);
            }
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
