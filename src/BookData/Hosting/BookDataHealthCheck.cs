using System.Globalization;
using BookData.Authors;
using BookData.Connections;
using BookData.Migrations;
using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BookData.Hosting;

/// <summary>
/// Reports whether the catalog database can be used: unhealthy (or the registration's failure status)
/// when it cannot be opened, when migration scripts are pending, when an author cannot be read as the repositories
/// read one, when its journal holds scripts
/// from a newer BookData, or when applied scripts have changed since (unless
/// <see cref="BookDataOptions.AllowChangedMigrations"/> is set); healthy otherwise. The description says
/// which. Register it with <c>services.AddBookData(...).AddHealthCheck()</c>.
/// </summary>
/// <remarks>
/// The check opens the database read-only first, so it never creates a missing database file, then
/// reads the migration journal (always the primary's) and, when the schema is current, one author row (its names,
/// through the same mapping the repositories use). With a read replica, that author row is read there too, where the
/// repositories read. It writes nothing.
/// </remarks>
internal sealed class BookDataHealthCheck : IHealthCheck
{
    /// <summary>The name the check is registered under unless another is given: <c>bookdata</c>.</summary>
    public const string DefaultName = "bookdata";

    private readonly BookDataConnectionFactory connectionFactory;
    private readonly BookDataMigrator migrator;

    /// <summary>Creates the check.</summary>
    /// <param name="connectionFactory">Opens connections to the catalog database.</param>
    /// <param name="migrator">Reads the migration status of that database.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public BookDataHealthCheck(BookDataConnectionFactory connectionFactory, BookDataMigrator migrator)
    {
        ArgumentNullException.ThrowIfNull(connectionFactory);
        ArgumentNullException.ThrowIfNull(migrator);
        this.connectionFactory = connectionFactory;
        this.migrator = migrator;
    }

    /// <summary>
    /// Opens the database and compares its migration journal with the scripts this version carries; with a read
    /// replica (<see cref="BookDataOptions.ReadConnectionString"/>), also runs the probe on the replica.
    /// </summary>
    /// <param name="context">The registration being checked; its failure status is reported on failure.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>
    /// Healthy when the database opens, no script is pending, an author reads and the read replica (if any) reads one too; otherwise the
    /// registration's failure status (<see cref="HealthStatus.Unhealthy"/> by default) with a description naming the
    /// database and the problem. A replica that does not answer fails the check even when the primary is fine, since
    /// every read would fail (there is no fallback to the primary); the description says which of the two failed.
    /// Data: <c>applied</c>, <c>pending</c>, <c>changed</c> and <c>unknown</c> script counts when the journal could be
    /// read, and <c>replica</c> (<c>ok</c> or <c>unavailable</c>) when a read replica is configured.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is <see langword="null"/>.</exception>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failureStatus = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        var primary = await CheckPrimaryAsync(failureStatus, cancellationToken).ConfigureAwait(false);
        if (!connectionFactory.HasReadReplica)
        {
            return primary;
        }

        var data = new Dictionary<string, object>(primary.Data);
        var replicaError = await ProbeAsync(
            connectionFactory.OpenReadOnlyAsync, connectionFactory.TranslateReadError, readAuthor: primary.Status == HealthStatus.Healthy, cancellationToken).ConfigureAwait(false);
        data["replica"] = replicaError is null ? "ok" : "unavailable";
        if (replicaError is null)
        {
            return new HealthCheckResult(
                primary.Status, $"{primary.Description} Read replica '{connectionFactory.ReadDataSource}' answers.", primary.Exception, data);
        }

        return new HealthCheckResult(
            failureStatus,
            $"{primary.Description} The read replica cannot be read, so every read fails: {replicaError.Message}",
            primary.Exception ?? replicaError,
            data);
    }

    /// <summary>The check of the primary database: it opens, and its migration journal matches this version's scripts.</summary>
    private async Task<HealthCheckResult> CheckPrimaryAsync(HealthStatus failureStatus, CancellationToken cancellationToken)
    {
        var database = connectionFactory.DataSource;
        var openError = await ProbeAsync(
            connectionFactory.OpenPrimaryReadOnlyAsync, ex => connectionFactory.CatalogProvider.CannotOpen(database, ex), readAuthor: false, cancellationToken).ConfigureAwait(false);
        if (openError is not null)
        {
            return new HealthCheckResult(failureStatus, $"The database cannot be opened. {openError.Message}", openError);
        }

        MigrationStatus status;
        try
        {
            status = await migrator.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BookDataException ex)
        {
            return new HealthCheckResult(failureStatus, $"The migration status of database '{database}' cannot be read. {ex.Message}", ex);
        }

        var data = new Dictionary<string, object>
        {
            ["applied"] = status.Applied.Count,
            ["pending"] = status.Pending.Count,
            ["changed"] = status.Changed.Count,
            ["unknown"] = status.Unknown.Count,
        };

        var problems = new List<string>();
        if (status.Pending.Count > 0)
        {
            problems.Add(Describe(status.Pending, "pending migration script(s)"));
        }

        if (status.Changed.Count > 0 && !connectionFactory.Options.AllowChangedMigrations)
        {
            problems.Add(Describe(status.Changed, "applied migration script(s) changed since they were applied"));
        }

        if (status.Unknown.Count > 0)
        {
            problems.Add(Describe(status.Unknown, "migration script(s) from a newer version of BookData"));
        }

        if (problems.Count > 0)
        {
            return new HealthCheckResult(failureStatus, $"Database '{database}' has {string.Join("; ", problems)}.", data: data);
        }

        try
        {
            var connection = await connectionFactory.OpenPrimaryReadOnlyAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await connection.QueryFirstOrDefaultAsync<Author>(new CommandDefinition(
                    connectionFactory.CatalogProvider.Statements.HealthRead, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidCastException or BookDataDatabaseException)
        {
            var error = ex switch
            {
                BookDataDatabaseException known => known,
                DbException db => connectionFactory.CatalogProvider.Translate(database, db, connectionFactory.Options.BusyTimeout),
                _ => new BookDataDatabaseException($"Database '{database}' returned a value the library cannot read: {ex.Message}", ex),
            };
            return new HealthCheckResult(
                failureStatus, $"The catalog in database '{database}' cannot be read (reading an author failed). {error.Message}", error, data);
        }

        return HealthCheckResult.Healthy(
            string.Create(
                CultureInfo.InvariantCulture,
                $"Database '{database}' is open and its schema is current ({status.Applied.Count} migration script(s) applied)."),
            data);
    }

    /// <summary>
    /// Opens a connection and runs the engine's health probe on it, or, when <paramref name="readAuthor"/>, reads an author
    /// as the repositories do; the error, or <see langword="null"/> when it worked.
    /// </summary>
    private async Task<BookDataDatabaseException?> ProbeAsync(
        Func<CancellationToken, Task<DbConnection>> open, Func<DbException, BookDataDatabaseException> translate, bool readAuthor, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await open(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                if (readAuthor)
                {
                    await connection.QueryFirstOrDefaultAsync<Author>(new CommandDefinition(
                        connectionFactory.CatalogProvider.Statements.HealthRead, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    return null;
                }

                using var command = connection.CreateCommand();
                command.CommandText = connectionFactory.CatalogProvider.Statements.HealthProbe;
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }
        }
        catch (DbException ex)
        {
            return translate(ex);
        }
        catch (InvalidCastException ex)
        {
            return new BookDataDatabaseException($"Database '{connectionFactory.ReadDataSource}' returned a value the library cannot read: {ex.Message}", ex);
        }
        catch (BookDataDatabaseException ex)
        {
            return ex;
        }
    }

    private static string Describe(IReadOnlyList<string> scripts, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{scripts.Count} {what}: {string.Join(", ", scripts)}");
}
