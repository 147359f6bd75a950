using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace BookData.Migrations;

/// <summary>
/// Exclusive right to migrate one database, held for a whole upgrade. For a file database it is an
/// operating-system lock on <c>&lt;database&gt;.migrate.lock</c> (opened with <see cref="FileShare.None"/>,
/// which .NET implements with <c>flock</c> on Unix), so it works across threads and processes and is
/// released by the operating system if the process dies. An in-memory database lives in one process
/// and is guarded by a semaphore.
/// </summary>
/// <remarks>
/// The lock file is never deleted: removing it while another process is about to lock it would let two
/// processes hold locks on different files at once.
/// </remarks>
internal sealed class MigrationLock : IDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> InProcessLocks = new(StringComparer.Ordinal);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(100);

    private FileStream? file;
    private SemaphoreSlim? semaphore;

    private MigrationLock(FileStream? file, SemaphoreSlim? semaphore)
    {
        this.file = file;
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
                var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
                return new MigrationLock(stream, null);
            }
            catch (IOException ex) when (IsHeldElsewhere(ex))
            {
                var remaining = timeout - waited.Elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    throw new BookDataDatabaseException(
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"Database '{dataSource}' is being migrated by another process: its lock file '{lockPath}' stayed locked for longer than the busy timeout ({timeout.TotalSeconds:0.###} s)."),
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
                    $"In-memory database '{dataSource}' is being migrated by another caller for longer than the busy timeout ({timeout.TotalSeconds:0.###} s)."));
        }

        return new MigrationLock(null, semaphore);
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref file, null)?.Dispose();
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

    private static TimeSpan Min(TimeSpan left, TimeSpan right) => left < right ? left : right;
}
