using System.Data;
using System.Data.Common;
using System.Globalization;
using BookData.Providers;
using Npgsql;

namespace BookData.PostgreSql.Connections;

/// <summary>
/// Opens pooled Npgsql connections for one <see cref="BookData.Connections.BookDataConnectionFactory"/>. Nothing is set
/// on the session (no startup options, no plain <c>SET</c>): every transaction the library begins sets the busy timeout
/// as its <c>lock_timeout</c>, and read-only ones <c>SET TRANSACTION READ ONLY</c>, inside the transaction
/// (<see cref="PostgreSqlConnectionSql"/>). So the settings hold behind PgBouncer in transaction pooling mode, where each
/// transaction may run on another server connection and startup options are refused. The command timeout comes from
/// <see cref="PostgreSqlTimeouts"/>, and each pool's types are kept current (<see cref="PostgreSqlTypeCatalog"/>).
/// </summary>
internal sealed class PostgreSqlConnections : CatalogConnections
{
    private readonly string lockTimeout;
    private readonly string database;
    private readonly PostgreSqlPoolSettings pool;

    /// <summary>Derives the connection string and the transaction settings from the validated options; nothing is opened.</summary>
    public PostgreSqlConnections(BookDataOptions options)
    {
        // Validate() bounds BusyTimeout to int.MaxValue / 1000 seconds, so the milliseconds fit an int.
        var busyMilliseconds = (int)options.BusyTimeout.TotalMilliseconds;
        var postgres = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            Pooling = true,

            // Timeouts: the one place that derives the command timeout from the options (PostgreSqlTimeouts).
            CommandTimeout = PostgreSqlTimeouts.CommandTimeoutSeconds(options),
        };
        DataSource = string.Create(CultureInfo.InvariantCulture, $"{postgres.Host}:{postgres.Port}/{postgres.Database}");
        pool = new PostgreSqlPoolSettings(postgres.MaxPoolSize, postgres.Timeout);
        ConnectionString = postgres.ToString();
        database = postgres.Database ?? "";

        // PostgreSQL reads lock_timeout = 0 as "wait for ever"; SQLite's zero busy timeout means "do not wait".
        lockTimeout = Math.Max(busyMilliseconds, 1).ToString(CultureInfo.InvariantCulture);
    }

    public override string ConnectionString { get; }

    public override string DataSource { get; }

    public override Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(ConnectionString, cancellationToken);

    /// <summary>
    /// Opens a connection with a read-only transaction already begun (<see cref="BeginTransactionAsync"/>): every statement
    /// on it runs in that transaction, so any write fails (25006), and disposing the connection rolls it back. Begin no
    /// other transaction on it.
    /// </summary>
    public override async Task<DbConnection> OpenReadOnlyAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(ConnectionString, cancellationToken).ConfigureAwait(false);
        try
        {
            // Npgsql runs the connection's commands in its open transaction and rolls it back when the connection closes.
            await BeginTransactionAsync(connection, readOnly: true, IsolationLevel.Unspecified, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (NpgsqlException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw PostgreSqlErrors.CannotOpen(DataSource, ex, pool);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Begins the transaction and, in the same round trip, sets its <c>lock_timeout</c> to the busy timeout
    /// (as <c>SET LOCAL</c> does) and, when <paramref name="readOnly"/>, makes it read-only first; that statement is the
    /// transaction's first query, after which no statement can make it read-write again.
    /// </summary>
    public override async Task<DbTransaction> BeginTransactionAsync(
        DbConnection connection, bool readOnly, IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        var postgres = (NpgsqlConnection)connection;
        var transaction = await postgres.BeginTransactionAsync(isolationLevel, cancellationToken).ConfigureAwait(false);
        try
        {
            var settings = new NpgsqlCommand(readOnly ? PostgreSqlConnectionSql.BeginReadOnly : PostgreSqlConnectionSql.BeginWrite, postgres, transaction)
            {
                Parameters = { new NpgsqlParameter<string>("LockTimeout", lockTimeout) },
            };
            await using (settings.ConfigureAwait(false))
            {
                await settings.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await PostgreSqlTypeCatalog.EnsureCurrentAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (NpgsqlException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            if (PostgreSqlErrors.MayBeMissingDatabaseBehindPooler(ex)
                && await DatabaseExistsAsync(ConnectionString, cancellationToken).ConfigureAwait(false) == false)
            {
                throw PostgreSqlErrors.MissingBehindPooler(DataSource, database, ex);
            }

            throw PostgreSqlErrors.CannotOpen(DataSource, ex, pool);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Whether the server has <paramref name="connectionString"/>'s database, asked on the maintenance database (unpooled, so the
    /// answer comes from the server that the string's host and port lead to, through a pooler or not); <see langword="null"/>
    /// when that cannot be asked (no such database entry in a pooler, no right to connect there).
    /// </summary>
    /// <remarks>
    /// Through PgBouncer a login to a database the server lacks never returns PostgreSQL's 3D000: the first client gets
    /// the pooler's own error, and later ones wait for its <c>server_login_retry</c> (15 s by default) and time out.
    /// </remarks>
    /// <param name="connectionString">An Npgsql connection string naming the database.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    public static async Task<bool?> DatabaseExistsAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? "";
        target.Database = PostgreSqlConnectionSql.MaintenanceDatabase;
        target.Pooling = false;
        var connection = new NpgsqlConnection(target.ToString());
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var command = new NpgsqlCommand(PostgreSqlConnectionSql.DatabaseExists, connection)
                {
                    Parameters = { new NpgsqlParameter<string>("Name", database) },
                };
                await using (command.ConfigureAwait(false))
                {
                    return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                }
            }
            catch (NpgsqlException)
            {
                return null;
            }
        }
    }
}
