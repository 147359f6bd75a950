using BookData.Connections;
using BookData.Hosting;
using BookData.Migrations;
using BookData.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BookData.Tests.Hosting;

public abstract class BookDataHealthCheckTests
{
    protected abstract BookDataProvider Provider { get; }

    [ProviderFact]
    public async Task CheckHealthAsync_MigratedDatabase_IsHealthy()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);

        var result = await CheckAsync(database);

        result.Status.Should().Be(HealthStatus.Healthy);
        result.Description.Should().Contain("schema is current");
        result.Data["applied"].Should().Be(BookDataMigrator.ScriptNames.Count);
        result.Data["pending"].Should().Be(0);
    }

    [ProviderFact]
    public async Task CheckHealthAsync_PendingMigrations_IsUnhealthyAndNamesThem()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(Provider);
        await (await database.Factory.OpenAsync()).DisposeAsync();

        var result = await CheckAsync(database);

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("pending migration").And.Contain(BookDataMigrator.ScriptNames[0]);
        result.Data["pending"].Should().Be(BookDataMigrator.ScriptNames.Count);
    }

    [ProviderFact]
    public async Task CheckHealthAsync_CurrentJournalButAuthorsUnreadable_IsUnhealthyAndNamesTheRead()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await CatalogDump.ExecuteAsync(database, "ALTER TABLE author RENAME TO author_moved;");

        var result = await CheckAsync(database);

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("cannot be read").And.Contain(database.Factory.DataSource).And.Contain("author");
        result.Exception.Should().BeOfType<BookDataDatabaseException>();
        (await database.TableExistsAsync("author_moved")).Should().BeTrue();
        (await database.TableExistsAsync("author")).Should().BeFalse();
    }

    [ProviderFact]
    public async Task CheckHealthAsync_JournalHasScriptFromNewerVersion_IsUnhealthyAndNamesIt()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await CatalogDump.ExecuteAsync(database, "INSERT INTO schema_version (script_name, checksum, applied_utc) VALUES ('9999_from_the_future.sql', 'abc', '2030-01-01T00:00:00Z');");

        var result = await CheckAsync(database);

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("newer version of BookData").And.Contain("9999_from_the_future.sql");
        result.Data["unknown"].Should().Be(1);
    }

    [ProviderFact]
    public async Task CheckHealthAsync_AppliedScriptChanged_IsUnhealthyUnlessChangesAreAllowed()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var script = BookDataMigrator.ScriptNames[0];
        await CatalogDump.ExecuteAsync(database, $"UPDATE schema_version SET checksum = 'feedface' WHERE script_name = '{script}';");
        var allowing = new BookDataConnectionFactory(new BookDataOptions
        {
            ConnectionString = database.Options.ConnectionString,
            AllowChangedMigrations = true,
            Provider = database.Provider,
        }.UsePostgreSqlWhenRequested());

        var strict = await CheckAsync(database);
        var lenient = await CheckAsync(allowing);

        strict.Status.Should().Be(HealthStatus.Unhealthy);
        strict.Description.Should().Contain("changed since they were applied").And.Contain(script);
        lenient.Status.Should().Be(HealthStatus.Healthy);
    }

    [ProviderFact]
    public async Task CheckHealthAsync_RegistrationFailureStatusDegraded_ReportsDegraded()
    {
        await using var database = TestDatabase.CreateMissing(Provider);

        var result = await CheckAsync(database, HealthStatus.Degraded);

        result.Status.Should().Be(HealthStatus.Degraded);
    }

    [ProviderFact]
    public async Task AddHealthCheck_ThroughHealthCheckService_ReportsUnderDefaultNameWithTags()
    {
        await using var database = TestDatabase.CreateMissing(Provider);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBookData(options => options.ConnectionString = database.Options.ConnectionString)
            .UsePostgreSqlWhen(database.Provider)
            .AddHealthCheck(tags: ["ready"]);
        await using var provider = services.BuildServiceProvider();
        var healthChecks = provider.GetRequiredService<HealthCheckService>();

        var before = await healthChecks.CheckHealthAsync();
        await provider.GetRequiredService<BookDataMigrator>().MigrateAsync();
        var after = await healthChecks.CheckHealthAsync();

        before.Entries.Should().ContainKey(BookDataHealthCheck.DefaultName);
        before.Entries[BookDataHealthCheck.DefaultName].Status.Should().Be(HealthStatus.Unhealthy);
        before.Entries[BookDataHealthCheck.DefaultName].Tags.Should().Equal("ready");
        after.Status.Should().Be(HealthStatus.Healthy);
    }

    protected static Task<HealthCheckResult> CheckAsync(TestDatabase database, HealthStatus failureStatus = HealthStatus.Unhealthy) =>
        CheckAsync(database.Factory, failureStatus);

    /// <summary>Runs the health check of <paramref name="factory"/>'s database as its registration would.</summary>
    internal static Task<HealthCheckResult> RunAsync(BookDataConnectionFactory factory) => CheckAsync(factory);

    protected static Task<HealthCheckResult> CheckAsync(BookDataConnectionFactory factory, HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        var check = new BookDataHealthCheck(factory, new BookDataMigrator(factory));
        var context = new HealthCheckContext
        {
            Registration = new HealthCheckRegistration(BookDataHealthCheck.DefaultName, check, failureStatus, tags: null),
        };
        return check.CheckHealthAsync(context);
    }
}
