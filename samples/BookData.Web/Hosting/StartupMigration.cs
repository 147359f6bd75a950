using BookData.Migrations;

namespace BookData.Web.Hosting;

/// <summary>Applies pending migrations before the application serves anything.</summary>
internal sealed class StartupMigration(BookDataMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
