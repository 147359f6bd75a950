using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using BookData.Providers;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BookData.Connections;

/// <summary>
/// Opens SQLite connections for one <see cref="BookDataConnectionFactory"/>: foreign keys enforced, a busy
/// timeout so writers queue instead of failing, the configured <c>synchronous</c> level, connection pooling,
/// the configured journal mode for file databases and a 64 MiB <c>journal_size_limit</c>.
/// </summary>
internal sealed class SqliteConnections : CatalogConnections
{
    /// <summary>SQLITE_DBCONFIG_ENABLE_FKEY: the C interface's equivalent of <c>PRAGMA foreign_keys</c>.</summary>
    private const int EnableForeignKeys = 1002;

    /// <summary>A command timeout that stops Microsoft.Data.Sqlite's own busy retry loop after the first attempt.</summary>
    private const int NoDriverRetry = -1;

    /// <summary>
    /// <c>PRAGMA journal_size_limit</c> on every SQLite connection: 64 MiB. Sixteen times SQLite's automatic
    /// checkpoint (1,000 pages of 4 KiB), so ordinary writers never shrink and regrow the log.
    /// </summary>
    public const long JournalSizeLimitBytes = 64L * 1024 * 1024;

    /// <summary>
    /// The <c>synchronous</c> pragma last run on each pooled SQLite connection. Keyed on the native handle,
    /// which the pool keeps for the connection's life; the entry goes away with the handle.
    /// </summary>
    private static readonly ConditionalWeakTable<sqlite3, string> SynchronousApplied = new();

    private readonly string openConnectionString;
    private readonly string readOnlyConnectionString;
    private readonly int busyMilliseconds;
    private readonly string synchronousPragma;
    private readonly JournalMode journalMode;
    private readonly string? filePath;
    private readonly string? immutableConnectionString;
    private int walChecked;

    /// <summary>Derives the connection strings from the validated options; nothing is opened.</summary>
    public SqliteConnections(BookDataOptions options)
    {
        // Validate() bounds BusyTimeout to int.MaxValue / 1000 seconds, so the milliseconds fit an int.
        busyMilliseconds = (int)options.BusyTimeout.TotalMilliseconds;

        // Microsoft.Data.Sqlite retries a busy statement itself until the command timeout, in whole seconds,
        // and reads 0 as "no limit". Code that opens its own connection from ConnectionString gets that retry,
        // rounded up to at least one second.
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        };
        DataSource = builder.DataSource;
        var resolved = SqliteDataSource.For(builder);
        IsInMemory = resolved.IsInMemory;
        ConnectionString = builder.ToString();

        // The factory's own connections turn foreign keys on through the C interface (see Configure):
        // with "Foreign Keys=True" in the string, Microsoft.Data.Sqlite would run a PRAGMA statement on every open.
        builder.Remove("Foreign Keys");
        if (!IsInMemory)
        {
            // SQLite's busy handler (sqlite3_busy_timeout, in milliseconds, see Configure) does all the waiting on
            // the factory's connections: a negative command timeout makes Microsoft.Data.Sqlite give up on the
            // first SQLITE_BUSY the handler returns instead of retrying up to a whole second more. A shared
            // in-memory database keeps the retry: its table locks (SQLITE_LOCKED) never reach the busy handler.
            builder.DefaultTimeout = NoDriverRetry;
        }

        openConnectionString = builder.ToString();
        builder.Mode = IsInMemory ? builder.Mode : SqliteOpenMode.ReadOnly;
        readOnlyConnectionString = builder.ToString();
        if (!IsInMemory)
        {
            filePath = resolved.FilePath!;
            builder.DataSource = ImmutableUri(DataSource, filePath);
            immutableConnectionString = builder.ToString();
        }

        var synchronous = options.Synchronous == SynchronousMode.Full ? "FULL" : "NORMAL";
        synchronousPragma = string.Create(
            CultureInfo.InvariantCulture, $"PRAGMA synchronous = {synchronous}; PRAGMA journal_size_limit = {JournalSizeLimitBytes};");
        journalMode = options.JournalMode;
    }

    public override string ConnectionString { get; }

    public override string DataSource { get; }

    public override bool IsInMemory { get; }

    public override Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        OpenSqliteAsync(openConnectionString, readOnly: false, cancellationToken);

    public override Task<DbConnection> OpenReadOnlyAsync(CancellationToken cancellationToken) =>
        OpenSqliteAsync(readOnlyConnectionString, readOnly: true, cancellationToken);

    /// <summary>
    /// A read-only transaction is deferred (it takes no write lock; the first read fixes the snapshot); any other is
    /// <c>BEGIN IMMEDIATE</c>: it waits (up to the busy timeout) for other writers before reading anything. SQLite has
    /// one isolation level, so <paramref name="isolationLevel"/> changes nothing.
    /// </summary>
    public override Task<DbTransaction> BeginTransactionAsync(
        DbConnection connection, bool readOnly, IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sqlite = (SqliteConnection)connection;
        return Task.FromResult<DbTransaction>(sqlite.BeginTransaction(deferred: readOnly));
    }

    /// <summary>
    /// A <c>file:</c> URI for the database with <c>immutable=1</c>: SQLite then reads it without a write-ahead
    /// log index (<c>-shm</c>), trusting that nobody changes the file while it is open.
    /// </summary>
    private static string ImmutableUri(string dataSource, string path) =>
        dataSource.StartsWith("file:", StringComparison.Ordinal)
            ? dataSource + (dataSource.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "immutable=1"
            : new Uri(path).AbsoluteUri + "?immutable=1";

    /// <summary>
    /// The connection string for a file database in a folder this process cannot write. SQLite reads a database
    /// in write-ahead-log mode through its <c>-shm</c> file and must create it if it is missing, which fails there
    /// ("attempt to write a readonly database"). When the log holds nothing, nothing can change the file without
    /// creating it either, so the database is opened read-only as immutable (SQLite's documented way to read
    /// it from read-only media). A log with unmerged changes cannot be read without the <c>-shm</c> file.
    /// </summary>
    /// <exception cref="BookDataDatabaseException">The folder is read-only and the log holds changes.</exception>
    private string? ReadOnlyFolderConnectionString()
    {
        if (filePath is null || File.Exists(filePath + "-shm") || !File.Exists(filePath))
        {
            return null;
        }

        // SQLite keeps -wal and -shm beside the file a symbolic link points to, not beside the link.
        var target = new FileInfo(filePath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? filePath;
        if (!string.Equals(target, filePath, StringComparison.Ordinal) && File.Exists(target + "-shm"))
        {
            return null;
        }

        var folder = Path.GetDirectoryName(target);
        if (string.IsNullOrEmpty(folder) || !ReadOnlyFolder.IsReadOnly(folder))
        {
            return null;
        }

        if (new FileInfo(target + "-wal") is { Exists: true, Length: > 0 })
        {
            throw new BookDataDatabaseException(
                $"Cannot read database '{DataSource}': its folder '{folder}' is read-only and its write-ahead log '{target}-wal' holds changes not yet merged into the file, "
                + $"which SQLite can only read by creating '{target}-shm' there. Make the folder writable, or open the catalog once where its folder is writable so the log is merged.");
        }

        return immutableConnectionString;
    }

    private async Task<DbConnection> OpenSqliteAsync(string connectionString, bool readOnly, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var immutable = ReadOnlyFolderConnectionString();
        connectionString = immutable ?? connectionString;
        readOnly |= immutable is not null;
        if (!readOnly && filePath is not null)
        {
            HardLinkedCatalog.ThrowIfLinked(filePath, DataSource);
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            Configure(connection);

            if (!readOnly && !IsInMemory && Volatile.Read(ref walChecked) == 0)
            {
                ApplyJournalMode(connection);
                Volatile.Write(ref walChecked, 1);
            }

            return connection;
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw SqliteErrors.CannotOpen(DataSource, ex);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void Configure(SqliteConnection connection)
    {
        var handle = connection.Handle!;
        Check(raw.sqlite3_db_config(handle, EnableForeignKeys, 1, out _), handle);
        Check(raw.sqlite3_busy_timeout(handle, busyMilliseconds), handle);

        // An in-memory database has no file to sync and no log to limit; its shared-cache table locks can also make
        // a statement run while another connection opens fail inside the driver, so none is run there.
        if (!IsInMemory
            && (!SynchronousApplied.TryGetValue(handle, out var applied) || !string.Equals(applied, synchronousPragma, StringComparison.Ordinal)))
        {
            using var command = connection.CreateCommand();
            command.CommandText = synchronousPragma;
            command.ExecuteNonQuery();
            SynchronousApplied.AddOrUpdate(handle, synchronousPragma);
        }

        static void Check(int resultCode, sqlite3 handle) => SqliteException.ThrowExceptionForRC(resultCode, handle);
    }

    /// <summary>
    /// Sets <see cref="BookDataOptions.JournalMode"/> once per factory: WAL is stored in the database file, and a
    /// file that is not in WAL mode opens with DELETE. Leaving WAL needs the database open nowhere else: idle
    /// connections in this process's pool are closed and the switch tried once more before it fails.
    /// </summary>
    /// <exception cref="BookDataDatabaseException">The database could not leave WAL mode.</exception>
    private void ApplyJournalMode(SqliteConnection connection)
    {
        if (journalMode == JournalMode.Wal)
        {
            Set("WAL");
            return;
        }

        if (TrySetDelete())
        {
            return;
        }

        SqliteConnection.ClearPool(connection);
        if (TrySetDelete())
        {
            return;
        }

        throw new BookDataDatabaseException(
            $"Cannot set the journal mode of database '{DataSource}' to {JournalMode.Delete} ({BookDataOptions.SectionName}:{nameof(BookDataOptions.JournalMode)}): the database is in write-ahead log mode and another connection has it open, which leaving that mode does not allow. Close the other programs and connections using it, then try again.");

        bool TrySetDelete()
        {
            try
            {
                return string.Equals(Set("DELETE"), "delete", StringComparison.OrdinalIgnoreCase);
            }
            catch (SqliteException ex) when (SqliteErrors.IsBusy(ex))
            {
                return false;
            }
        }

        string? Set(string mode)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA journal_mode = {mode};";
            return command.ExecuteScalar() as string;
        }
    }
}
