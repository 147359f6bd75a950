using BookData.Connections;
using BookData.Files;

namespace BookData.Migrations;

/// <summary>
/// The database a migration runs against: its file, resolved the way Microsoft.Data.Sqlite resolves
/// the data source, and the lock file beside it; or an in-memory database, which has neither.
/// </summary>
internal sealed class MigrationTarget
{
    /// <summary>Appended to the database file's path to name the lock file that serializes migrations.</summary>
    public const string LockFileSuffix = ".migrate.lock";

    private MigrationTarget(string dataSource, string connectionString, string? filePath, bool isReadOnly)
    {
        DataSource = dataSource;
        ConnectionString = connectionString;
        FilePath = filePath;
        IsReadOnly = isReadOnly;
    }

    /// <summary>The data source as configured, for messages.</summary>
    public string DataSource { get; }

    /// <summary>The connection string, which identifies an in-memory database within the process.</summary>
    public string ConnectionString { get; }

    /// <summary>The database file's full path; <see langword="null"/> for an in-memory database.</summary>
    public string? FilePath { get; }

    /// <summary>
    /// The lock file beside the database file that symbolic links lead to, as SQLite's write-ahead log is, so
    /// every spelling of the path shares it; <see langword="null"/> for an in-memory database.
    /// </summary>
    /// <exception cref="BookDataDatabaseException">A symbolic link in the path cannot be followed.</exception>
    public string? LockPath
    {
        get
        {
            if (FilePath is null)
            {
                return null;
            }

            try
            {
                return LinkedPath.Resolve(FilePath) + LockFileSuffix;
            }
            catch (IOException ex)
            {
                throw new BookDataDatabaseException($"Cannot open database '{DataSource}': {ex.Message}", ex);
            }
        }
    }

    /// <summary><see langword="true"/> when the connection string opens the database read-only (<c>Mode=ReadOnly</c>).</summary>
    public bool IsReadOnly { get; }

    /// <summary>
    /// <see langword="true"/> when opening the database may create it or find it empty: a writable file
    /// database that is missing or has zero bytes. Such a database is only opened under the lock, so no
    /// migrator ever sees another one's half-created file.
    /// </summary>
    public bool MayBeCreated
    {
        get
        {
            if (FilePath is null || IsReadOnly)
            {
                return false;
            }

            var file = new FileInfo(FilePath);
            return !file.Exists || file.Length == 0;
        }
    }

    public static MigrationTarget For(BookDataConnectionFactory connectionFactory)
    {
        var resolved = SqliteDataSource.For(connectionFactory.ConnectionString);
        return new MigrationTarget(
            connectionFactory.DataSource,
            connectionFactory.ConnectionString,
            connectionFactory.IsInMemory ? null : resolved.FilePath,
            resolved.IsReadOnly);
    }

    /// <summary>Fails before anything is created when the database's folder is missing or the path is a folder.</summary>
    /// <exception cref="BookDataDatabaseException">The database cannot be created at its path.</exception>
    public void ThrowIfCannotBeCreated()
    {
        if (FilePath is null)
        {
            return;
        }

        if (Directory.Exists(FilePath))
        {
            throw new BookDataDatabaseException(
                $"Cannot open database '{DataSource}': '{FilePath}' is a folder, not a database file.");
        }

        var folder = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            throw new BookDataDatabaseException(
                $"Cannot open database '{DataSource}': its folder '{folder}' does not exist or is not a folder.");
        }
    }

    /// <summary>
    /// Refuses a path that names a device, a named pipe (FIFO) or a socket: SQLite would read one as an empty database
    /// (or wait on it), and writes to it would be lost.
    /// </summary>
    /// <exception cref="BookDataDatabaseException">The path names something other than a regular file or nothing.</exception>
    public void ThrowIfNotRegularFile()
    {
        if (FilePath is not null && FileIdentity.Read(FilePath, out var kind) is var _ && kind == FileKind.Special)
        {
            throw new BookDataDatabaseException(
                $"Cannot open database '{DataSource}': '{FilePath}' is not a regular file but a device, a named pipe or a socket, which cannot hold a catalog; give the path of a database file.");
        }
    }

    /// <summary>
    /// Refuses a zero-byte file found under the lock: SQLite would treat it as an empty database, but a
    /// catalog file with no bytes is far more often a failed copy than a new catalog.
    /// </summary>
    /// <exception cref="BookDataDatabaseException">The database file exists and is empty.</exception>
    public void ThrowIfEmptyFile()
    {
        if (FilePath is not null && new FileInfo(FilePath) is { Exists: true, Length: 0 })
        {
            throw new BookDataDatabaseException(
                $"Database '{DataSource}' is an empty (zero-byte) file, not a BookData catalog; delete it to create a new catalog there or restore it from a backup.");
        }
    }
}
