using BookData.Connections;
using BookData.Diagnostics;
using BookData.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BookData.Hosting;

/// <summary>
/// Applies pending migrations inside the host's startup when <see cref="BookDataOptions.MigrateOnStartup"/>
/// is on, so the application serves nothing before its schema is current. A failure is logged with the
/// script's name and rethrown, which stops the host from starting.
/// </summary>
internal sealed class BookDataMigrationHostedService(
    IOptions<BookDataOptions> options,
    IServiceProvider services,
    ILogger<BookDataMigrationHostedService> logger) : IHostedService
{
    /// <summary>The operation name of the startup migration in traces and metrics.</summary>
    internal const string OperationName = "migrations.migrate";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStartup)
        {
            return;
        }

        var database = services.GetRequiredService<BookDataConnectionFactory>().DataSource;
        var migrator = services.GetRequiredService<BookDataMigrator>();
        using var operation = BookDataTelemetry.StartOperation(OperationName);
        try
        {
            var result = await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
            operation.SetRows(result.Applied.Count);
            if (result.Applied.Count == 0)
            {
                BookDataLog.SchemaCurrent(logger, database);
            }

            // Each applied script was logged by the migrator (event 1, with its time); a summary here would say it twice.
        }
        catch (BookDataMigrationException ex) when (ex.ScriptName is not null)
        {
            operation.SetError(ex);
            BookDataLog.MigrationScriptFailed(logger, ex.ScriptName, database, ex.Message, ex);
            throw;
        }
        catch (BookDataException ex)
        {
            operation.SetError(ex);
            BookDataLog.MigrationFailed(logger, database, ex.Message, ex);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
