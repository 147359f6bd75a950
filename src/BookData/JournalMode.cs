namespace BookData;

/// <summary>How SQLite keeps a transaction's changes until they are committed: the <c>journal_mode</c> BookData sets.</summary>
public enum JournalMode
{
    /// <summary>
    /// Write-ahead logging (<c>WAL</c>), the default: readers and one writer work at the same time, and commits are
    /// cheap. Needs shared memory between the processes that open the file (a <c>-shm</c> file beside it), so the
    /// database must be on a local disk.
    /// </summary>
    Wal = 0,

    /// <summary>
    /// A rollback journal (<c>DELETE</c>) deleted after each commit: works on network file systems (SMB, NFS) and
    /// volumes without shared memory, but readers and the writer wait for one another (up to the busy timeout).
    /// </summary>
    Delete = 1,
}
