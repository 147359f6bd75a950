using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace BookData.Connections;

/// <summary>
/// Opens connections to the catalog database with the settings every BookData operation relies on:
/// foreign keys enforced, a busy timeout so writers queue instead of failing, the configured
/// <c>synchronous</c> level, connection pooling, and write-ahead logging for file databases.
/// </summary>
/// <remarks>
/// The factory is thread-safe and meant to be a singleton. Each call returns a new (pooled)
/// connection that the caller disposes. SQLite does its I/O synchronously: the async methods
/// complete on the calling thread and exist so callers can pass a <see cref="CancellationToken"/>
/// and compose with async code.
/// </remarks>
public sealed class BookDataConnectionFactory
{
    private readonly string readOnlyConnectionString;
    private readonly string openPragmas;
    private readonly ILogger? logger;
    private int walChecked;

    /// <summary>Creates a factory for the database the options name.</summary>
    /// <param name="options">The catalog settings; validated here.</param>
    /// <param name="logger">
    /// Receives a warning for every operation slower than <see cref="BookDataOptions.SlowStatementThreshold"/>;
    /// none when <see langword="null"/> (the default).
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="BookDataValidationException">The options are invalid.</exception>
    public BookDataConnectionFactory(BookDataOptions options, ILogger<BookDataConnectionFactory>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options.Snapshot();
        this.logger = options.SlowStatementThreshold > TimeSpan.Zero ? logger : null;
        SlowStatementThreshold = options.SlowStatementThreshold;

        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        DataSource = builder.DataSource;
        IsInMemory = builder.Mode == SqliteOpenMode.Memory
            || string.Equals(builder.DataSource, ":memory:", StringComparison.OrdinalIgnoreCase);
        ConnectionString = builder.ToString();

        builder.Mode = IsInMemory ? builder.Mode : SqliteOpenMode.ReadOnly;
        readOnlyConnectionString = builder.ToString();

        var busyMilliseconds = (long)options.BusyTimeout.TotalMilliseconds;
        var synchronous = options.Synchronous == SynchronousMode.Full ? "FULL" : "NORMAL";
        openPragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA synchronous = {synchronous};");
    }

    /// <summary>The options the factory was built from, as they were then (the migrator reads its settings here).</summary>
    internal BookDataOptions Options { get; }

    /// <summary>The effective connection string, with <c>Foreign Keys=True</c> and pooling applied.</summary>
    public string ConnectionString { get; }

    /// <summary>The database file (or in-memory name) the factory connects to.</summary>
    public string DataSource { get; }

    /// <summary><see langword="true"/> for an in-memory database, which has no file and no write-ahead log.</summary>
    public bool IsInMemory { get; }

    /// <summary>Operations slower than this are logged; zero when the log is off.</summary>
    internal TimeSpan SlowStatementThreshold { get; }

    /// <summary>The logger for slow operations, or <see langword="null"/> when there is none or it would write nothing.</summary>
    internal ILogger? SlowStatementLogger => logger is not null && logger.IsEnabled(LogLevel.Warning) ? logger : null;

    /// <summary>Opens a read-write connection, creating the database file if it does not exist.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>An open connection the caller must dispose.</returns>
    /// <exception cref="BookDataDatabaseException">The database cannot be opened or is not a SQLite database.</exception>
    public Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        OpenCoreAsync(ConnectionString, readOnly: false, cancellationToken);

    /// <summary>
    /// Opens a read-only connection: every statement that would write fails. The database must exist.
    /// </summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>An open read-only connection the caller must dispose.</returns>
    /// <exception cref="BookDataDatabaseException">The database does not exist or cannot be opened.</exception>
    public Task<SqliteConnection> OpenReadOnlyAsync(CancellationToken cancellationToken = default) =>
        OpenCoreAsync(readOnlyConnectionString, readOnly: true, cancellationToken);

    private async Task<SqliteConnection> OpenCoreAsync(string connectionString, bool readOnly, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using (var command = connection.CreateCommand())
            {
                command.CommandText = openPragmas;
                command.ExecuteNonQuery();
            }

            if (!readOnly && !IsInMemory && Volatile.Read(ref walChecked) == 0)
            {
                EnableWriteAheadLog(connection);
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

    private static void EnableWriteAheadLog(SqliteConnection connection)
    {
        // journal_mode=WAL is stored in the database file, so this runs once per factory.
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteScalar();
    }
}
