using System.Globalization;
using Microsoft.Data.Sqlite;

namespace BookData.Connections;

/// <summary>Recognizes SQLite's error codes and turns them into BookData exceptions.</summary>
internal static class SqliteErrors
{
    /// <summary>SQLITE_CONSTRAINT_UNIQUE.</summary>
    public const int UniqueConstraint = 2067;

    /// <summary>SQLITE_CONSTRAINT_PRIMARYKEY.</summary>
    public const int PrimaryKeyConstraint = 1555;

    /// <summary>SQLITE_CONSTRAINT_FOREIGNKEY.</summary>
    public const int ForeignKeyConstraint = 787;

    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int Full = 13;
    private const int IoError = 10;

    /// <summary>SQLITE_IOERR_SHMOPEN, SQLITE_IOERR_SHMSIZE and SQLITE_IOERR_SHMMAP: the shared-memory file could not be made or grown.</summary>
    private static readonly int[] SharedMemoryErrors = [IoError | (18 << 8), IoError | (19 << 8), IoError | (21 << 8)];
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    public static bool IsUniqueViolation(SqliteException ex) =>
        ex.SqliteExtendedErrorCode is UniqueConstraint or PrimaryKeyConstraint;

    /// <summary>The setting of the busy timeout, as an application configures it (the CLI names its own instead).</summary>
    public const string BusyTimeoutSetting = $"{BookDataOptions.SectionName}:{nameof(BookDataOptions.BusyTimeout)}";

    /// <summary>The busy timeout for a message: its value when known, and always its setting.</summary>
    public static string BusyTimeout(TimeSpan? timeout) => timeout is { } value
        ? string.Create(CultureInfo.InvariantCulture, $"the busy timeout ({value.TotalSeconds:0.###} s, {BusyTimeoutSetting})")
        : $"the busy timeout ({BusyTimeoutSetting})";

    /// <summary>
    /// What a busy or locked error means once the busy handler has given up, for messages: not always a writer, since
    /// in rollback-journal mode a connection that is reading keeps a writer from committing.
    /// </summary>
    public static string LockedTooLong(TimeSpan? timeout) =>
        $"stayed locked by another connection for longer than {BusyTimeout(timeout)}: another writer, or, in rollback-journal mode "
        + $"({BookDataOptions.SectionName}:{nameof(BookDataOptions.JournalMode)} Delete), also a connection that is reading";

    public static bool IsBusy(SqliteException ex) =>
        ex.SqliteErrorCode is Busy or Locked;

    public static bool IsForeignKeyViolation(SqliteException ex) =>
        ex.SqliteExtendedErrorCode == ForeignKeyConstraint;

    /// <summary>An error opening or first touching the database.</summary>
    public static BookDataDatabaseException CannotOpen(string dataSource, SqliteException ex) => ex.SqliteErrorCode switch
    {
        CantOpen when ExistingFile(dataSource) is { } file => new BookDataDatabaseException(
            $"Cannot open database '{dataSource}': the file is there, but SQLite could not open it or make its write-ahead log and shared-memory files beside it ('{file}-wal', '{file}-shm'); the disk may be out of space or of free inodes (df -h, df -i), or the file or its folder not accessible to this user.",
            ex),
        CantOpen => new BookDataDatabaseException(
            $"Cannot open database '{dataSource}': the file or its folder does not exist or is not accessible.", ex),
        NotADatabase => new BookDataDatabaseException(
            $"Cannot open database '{dataSource}': the file is not a SQLite database.", ex),
        _ => Translate(dataSource, ex),
    };

    /// <summary>The database's file when <paramref name="dataSource"/> names one that exists; none otherwise.</summary>
    private static string? ExistingFile(string dataSource)
    {
        try
        {
            return SqliteDataSource.FileOf(dataSource) is { } file && File.Exists(file) ? file : null;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or NotSupportedException or UriFormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The database's <c>-shm</c> or <c>-wal</c> file when one exists that this process may not write; none otherwise.</summary>
    private static string? ForeignCompanion(string dataSource) =>
        ExistingFile(dataSource) is { } file
            ? new[] { file + "-shm", file + "-wal" }.FirstOrDefault(ReadOnlyFolder.IsReadOnlyFile)
            : null;

    /// <summary>SQLITE_FULL: a write found no room on the disk.</summary>
    public static bool IsDiskFull(SqliteException ex) => ex.SqliteErrorCode == Full;

    /// <summary>Which disk a SQLITE_FULL may be about, for every message that reports one.</summary>
    public const string DiskFullWhich = "the disk is full (the database's own, or that of SQLite's temporary files";

    /// <summary>
    /// SQLITE_FULL, named with the database: SQLite has rolled the statement (or the whole transaction) back, so
    /// the database keeps what it held before.
    /// </summary>
    public static BookDataDatabaseException DiskFull(string dataSource, SqliteException ex) => new(
        $"Database '{dataSource}' cannot be written: {DiskFullWhich}). Free some space and try again; the failed operation changed nothing.",
        ex);

    /// <summary>Any other unexpected SQLite error, named with the database it happened in.</summary>
    /// <param name="dataSource">The database, for the message.</param>
    /// <param name="ex">SQLite's error.</param>
    /// <param name="busyTimeout">The busy timeout the connection waited, named in a lock timeout's message; unknown when <see langword="null"/>.</param>
    public static BookDataDatabaseException Translate(string dataSource, SqliteException ex, TimeSpan? busyTimeout = null) => ex.SqliteErrorCode switch
    {
        Busy or Locked => new BookDataDatabaseException(
            $"Database '{dataSource}' {LockedTooLong(busyTimeout)}.", ex),
        ReadOnly when ForeignCompanion(dataSource) is { } file => new BookDataDatabaseException(
            $"Database '{dataSource}' cannot be written: '{file}', which SQLite keeps beside it, may not be written by this user (another user who read the catalog made it). "
            + $"Remove '{file[..^4]}-wal' and '{file[..^4]}-shm' while nobody has the catalog open (in a folder with the sticky bit set, such as /tmp, only their owner or root may), or let this user write them.",
            ex),
        ReadOnly => new BookDataDatabaseException(
            $"Database '{dataSource}' is read-only: {ex.Message}", ex),
        NotADatabase => new BookDataDatabaseException(
            $"Database '{dataSource}' is not a SQLite database.", ex),
        Full => DiskFull(dataSource, ex),
        IoError when SharedMemoryErrors.Contains(ex.SqliteExtendedErrorCode) => new BookDataDatabaseException(
            $"Database '{dataSource}' cannot be read: SQLite could not make its shared-memory file '{dataSource}-shm' beside it, which a catalog in WAL mode needs even to be read; the disk is full, most likely. Free some space and try again; the catalog was not changed (SQLite may have left an empty '-wal' and a partial '-shm' beside it, which it uses or removes once there is room).",
            ex),
        _ => new BookDataDatabaseException($"Database '{dataSource}' failed: {ex.Message}", ex),
    };
}
