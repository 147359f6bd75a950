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
/// reads the migration journal and, when the schema is current, one author row (its names, through the
/// same mapping the repositories use). It writes nothing.
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

    /// <summary>Opens the database and compares its migration journal with the scripts this version carries.</summary>
    /// <param name="context">The registration being checked; its failure status is reported on failure.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>
    /// Healthy when the database opens, no script is pending and an author reads; otherwise the registration's failure status
    /// (<see cref="HealthStatus.Unhealthy"/> by default) with a description naming the database and the problem.
    /// Data: <c>applied</c>, <c>pending</c>, <c>changed</c> and <c>unknown</c> script counts when the journal could be read.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is <see langword="null"/>.</exception>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failureStatus = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        var database = connectionFactory.DataSource;

        try
        {
            var connection = await connectionFactory.OpenReadOnlyAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var command = connection.CreateCommand();
                command.CommandText = connectionFactory.CatalogProvider.Statements.HealthProbe;
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DbException ex)
        {
            var error = connectionFactory.CatalogProvider.CannotOpen(database, ex);
            return new HealthCheckResult(failureStatus, $"The database cannot be opened. {error.Message}", error);
        }
        catch (BookDataDatabaseException ex)
        {
            return new HealthCheckResult(failureStatus, $"The database cannot be opened. {ex.Message}", ex);
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
            var connection = await connectionFactory.OpenReadOnlyAsync(cancellationToken).ConfigureAwait(false);
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
                DbException db => connectionFactory.CatalogProvider.Translate(database, db),
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

    private static string Describe(IReadOnlyList<string> scripts, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{scripts.Count} {what}: {string.Join(", ", scripts)}");
}
