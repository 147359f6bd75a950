using System.Data.Common;
using System.Globalization;
using BookData.Providers;
using Npgsql;

namespace BookData.PostgreSql.Connections;

/// <summary>
/// Opens pooled Npgsql connections for one <see cref="BookData.Connections.BookDataConnectionFactory"/>: the busy
/// timeout is the session's <c>lock_timeout</c>, the command timeout comes from <see cref="PostgreSqlTimeouts"/>,
/// read-only connections start with <c>default_transaction_read_only</c> on, and each pool's types are kept current
/// (<see cref="PostgreSqlTypeCatalog"/>).
/// </summary>
internal sealed class PostgreSqlConnections : CatalogConnections
{
    private readonly string readOnlyConnectionString;
    private readonly PostgreSqlPoolSettings pool;

    /// <summary>Derives the connection strings from the validated options; nothing is opened.</summary>
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

        // PostgreSQL reads lock_timeout = 0 as "wait for ever"; SQLite's zero busy timeout means "do not wait".
        var lockTimeout = Math.Max(busyMilliseconds, 1);
        postgres.Options = JoinServerOptions(postgres.Options, string.Create(CultureInfo.InvariantCulture, $"-c lock_timeout={lockTimeout}"));
        ConnectionString = postgres.ToString();
        postgres.Options = JoinServerOptions(postgres.Options, "-c default_transaction_read_only=on");
        readOnlyConnectionString = postgres.ToString();
    }

    public override string ConnectionString { get; }

    public override string DataSource { get; }

    public override Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(ConnectionString, cancellationToken);

    public override Task<DbConnection> OpenReadOnlyAsync(CancellationToken cancellationToken) => OpenAsync(readOnlyConnectionString, cancellationToken);

    /// <summary>Adds <c>-c name=value</c> settings to the options Npgsql passes to the server at startup.</summary>
    private static string JoinServerOptions(string? existing, string setting) =>
        string.IsNullOrWhiteSpace(existing) ? setting : existing + " " + setting;

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
            throw PostgreSqlErrors.CannotOpen(DataSource, ex, pool);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
