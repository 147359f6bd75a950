using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using BookData.Providers;
using Microsoft.Extensions.Logging;

namespace BookData.Connections;

/// <summary>
/// Opens connections to the catalog database with the settings every BookData operation relies on.
/// On SQLite: foreign keys enforced, a busy timeout so writers queue instead of failing, the configured
/// <c>synchronous</c> level, connection pooling, the configured journal mode for file databases
/// (<see cref="BookDataOptions.JournalMode"/>: write-ahead logging by default) and a 64 MiB
/// <c>journal_size_limit</c>. With the
/// <c>BookData.PostgreSql</c> package (<c>UsePostgreSql()</c>): pooled Npgsql connections with no session settings; each
/// transaction BookData begins sets its <c>lock_timeout</c> to the busy timeout inside the transaction, so they also work
/// through a transaction-pooling pooler such as PgBouncer.
/// </summary>
/// <remarks>
/// The factory is thread-safe and meant to be a singleton. Each call returns a new (pooled)
/// connection that the caller disposes: a <see cref="SqliteConnection"/> or the PostgreSQL package's <c>NpgsqlConnection</c>,
/// as <see cref="Provider"/> says. SQLite does its I/O synchronously: its async methods
/// complete on the calling thread and exist so callers can pass a <see cref="CancellationToken"/>
/// and compose with async code.
/// <para>
/// Opening a pooled connection costs no SQL: foreign keys and the busy timeout are set through SQLite's
/// C interface on every open, and the <c>synchronous</c> pragma runs once per pooled SQLite connection
/// (the setting lives as long as that connection). Code that changes <c>synchronous</c> on a connection
/// from this factory must set it back before disposing the connection.
/// </para>
/// <para>
/// <c>journal_size_limit</c> (64 MiB) runs with it: a write-ahead log that a large transaction grew is cut back to
/// that size whenever SQLite starts it over, instead of keeping its largest size for the life of the process.
/// Large writes (an import) also checkpoint and truncate the log when they end.
/// </para>
/// </remarks>
public sealed class BookDataConnectionFactory
{
    private readonly CatalogConnections connections;

    // The one place reads are routed: the read replica's connections, or null when reads use the primary's.
    private readonly CatalogConnections? replica;
    private readonly ILogger? logger;

    /// <summary>Creates a factory for the database the options name.</summary>
    /// <param name="options">
    /// The catalog settings; validated here. SQLite unless the options were handed to a provider package,
    /// for example <c>options.UsePostgreSql()</c> from <c>BookData.PostgreSql</c>.
    /// </param>
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
        CatalogProvider = Options.CatalogProvider;
        Provider = CatalogProvider.Kind;
        connections = CatalogProvider.CreateConnections(Options);
        replica = Options.HasReadConnectionString ? CatalogProvider.CreateConnections(Options.ForReadReplica()) : null;
    }

    /// <summary>The options the factory was built from, as they were then (the migrator reads its settings here).</summary>
    internal BookDataOptions Options { get; }

    /// <summary>The engine's side of every operation: its statements, errors, migrations and import.</summary>
    internal CatalogProvider CatalogProvider { get; }

    /// <summary>The database engine the factory connects to.</summary>
    public BookDataProvider Provider { get; }

    /// <summary>
    /// The effective connection string, for code that opens its own connection to the catalog: on SQLite with
    /// <c>Foreign Keys=True</c> and pooling applied, on PostgreSQL with pooling on and no startup options (the busy timeout is
    /// set inside each transaction BookData begins, so a connection you open from it has no <c>lock_timeout</c>).
    /// </summary>
    internal string ConnectionString => connections.ConnectionString;

    /// <summary>
    /// The database the factory connects to, as messages name it: the SQLite file (or in-memory name), or
    /// <c>host:port/database</c> on PostgreSQL (never the password).
    /// </summary>
    public string DataSource => connections.DataSource;

    /// <summary>
    /// The database reads go to, as messages name it: the read replica's <c>host:port/database</c> when
    /// <see cref="BookDataOptions.ReadConnectionString"/> is set, else <see cref="DataSource"/>.
    /// </summary>
    public string ReadDataSource => (replica ?? connections).DataSource;

    /// <summary><see langword="true"/> when reads go to a read replica (<see cref="BookDataOptions.ReadConnectionString"/>).</summary>
    internal bool HasReadReplica => replica is not null;

    /// <summary><see langword="true"/> for an in-memory SQLite database, which has no file and no write-ahead log.</summary>
    public bool IsInMemory => connections.IsInMemory;

    /// <summary>Operations slower than this are logged; zero when the log is off.</summary>
    internal TimeSpan SlowStatementThreshold { get; }

    /// <summary>The logger for slow operations, or <see langword="null"/> when there is none or it would write nothing.</summary>
    internal ILogger? SlowStatementLogger => logger is not null && logger.IsEnabled(LogLevel.Warning) ? logger : null;

    /// <summary>
    /// Opens a read-write connection. A SQLite database file is created if it does not exist; a PostgreSQL
    /// database must exist (the migrator creates it).
    /// </summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>An open connection the caller must dispose: a <see cref="SqliteConnection"/>, or the provider package's connection.</returns>
    /// <exception cref="BookDataDatabaseException">
    /// The database cannot be opened: the SQLite file is not a SQLite database or is not accessible, or the
    /// PostgreSQL server does not answer, refuses the login, or has no such database.
    /// </exception>
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => connections.OpenAsync(cancellationToken);

    /// <summary>
    /// Opens a read-only connection: every statement that would write fails. The database must exist. With
    /// <see cref="BookDataOptions.ReadConnectionString"/> set, the connection is to the read replica (which may lag
    /// behind the primary); otherwise to the database <see cref="DataSource"/> names.
    /// </summary>
    /// <remarks>
    /// On PostgreSQL the connection comes with a read-only transaction already begun (<c>SET TRANSACTION READ ONLY</c>, with
    /// the busy timeout as its <c>lock_timeout</c>), so the guarantee needs no session setting and holds behind PgBouncer in
    /// transaction pooling mode. Every statement runs in that transaction; begin no other on the connection. Disposing the
    /// connection rolls it back.
    /// </remarks>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>An open read-only connection the caller must dispose.</returns>
    /// <exception cref="BookDataDatabaseException">
    /// The database does not exist or cannot be opened; for the read replica, the message names it
    /// (<see cref="ReadDataSource"/>). There is no fallback to the primary.
    /// </exception>
    public Task<DbConnection> OpenReadOnlyAsync(CancellationToken cancellationToken = default) =>
        replica is null ? connections.OpenReadOnlyAsync(cancellationToken) : OpenReplicaAsync(readOnly: true, cancellationToken);

    /// <summary>
    /// Opens the connection an operation that only reads runs on (repository gets and lists, search, reports, export):
    /// a connection to the read replica when there is one (a hot standby, which refuses every write itself), else to the
    /// primary, as every read used before replicas existed. No transaction is begun on it, so a read may begin its own
    /// snapshot transaction.
    /// </summary>
    /// <exception cref="BookDataDatabaseException">The database cannot be opened; a replica's error names the replica.</exception>
    internal Task<DbConnection> OpenForReadingAsync(CancellationToken cancellationToken) =>
        replica is null ? connections.OpenAsync(cancellationToken) : OpenReplicaAsync(readOnly: false, cancellationToken);

    /// <summary>
    /// Opens a read-only connection to the primary, whatever <see cref="BookDataOptions.ReadConnectionString"/> says: for
    /// the migration status, which must be the primary's (migrations run there) however far a replica lags.
    /// </summary>
    /// <exception cref="BookDataDatabaseException">The database does not exist or cannot be opened.</exception>
    internal Task<DbConnection> OpenPrimaryReadOnlyAsync(CancellationToken cancellationToken) => connections.OpenReadOnlyAsync(cancellationToken);

    /// <summary>
    /// Turns a database error that a read raised into a BookData exception naming the database it ran on: the replica,
    /// said to be one, when reads go to a replica.
    /// </summary>
    internal BookDataDatabaseException TranslateReadError(DbException ex) =>
        replica is null ? CatalogProvider.Translate(DataSource, ex, Options.BusyTimeout) : ReplicaFailed(CatalogProvider.Translate(ReadDataSource, ex, Options.BusyTimeout));

    /// <summary>Opens a connection to the read replica: read-only (a read-only transaction begun) or plain; a failure names the replica.</summary>
    private async Task<DbConnection> OpenReplicaAsync(bool readOnly, CancellationToken cancellationToken)
    {
        try
        {
            return readOnly
                ? await replica!.OpenReadOnlyAsync(cancellationToken).ConfigureAwait(false)
                : await replica!.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BookDataDatabaseException ex)
        {
            throw ReplicaFailed(ex);
        }
    }

    /// <summary>The error of a read on the replica, said to be the replica's, with the engine's own error inside.</summary>
    private BookDataDatabaseException ReplicaFailed(BookDataDatabaseException error) =>
        new(
            $"Reading from the read replica '{ReadDataSource}' ({BookDataOptions.SectionName}:{nameof(BookDataOptions.ReadConnectionString)}) failed, "
            + $"and BookData does not fall back to the primary '{DataSource}', which still takes the writes. {error.Message}",
            error.InnerException ?? error);

    /// <summary>
    /// Begins a transaction with the settings every BookData transaction relies on (see
    /// <see cref="CatalogConnections.BeginTransactionAsync"/>): the one place the library begins its transactions.
    /// </summary>
    /// <param name="connection">An open connection from this factory.</param>
    /// <param name="readOnly">Whether every statement of the transaction that would write must fail.</param>
    /// <param name="cancellationToken">Cancels the begin.</param>
    /// <param name="isolationLevel">The isolation level; the engine's default unless given.</param>
    internal Task<DbTransaction> BeginTransactionAsync(
        DbConnection connection, bool readOnly, CancellationToken cancellationToken, IsolationLevel isolationLevel = IsolationLevel.Unspecified) =>
        connections.BeginTransactionAsync(connection, readOnly, isolationLevel, cancellationToken);
}
