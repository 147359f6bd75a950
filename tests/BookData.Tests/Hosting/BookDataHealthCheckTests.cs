using System.Security.Cryptography;
using BookData.Hosting;
using BookData.Migrations;
using BookData.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BookData.Tests.Hosting;

public sealed class BookDataHealthCheckTests
{
    [Fact]
    public async Task CheckHealthAsync_MigratedDatabase_IsHealthy()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await CheckAsync(database);

        result.Status.Should().Be(HealthStatus.Healthy);
        result.Description.Should().Contain("schema is current");
        result.Data["applied"].Should().Be(BookDataMigrator.ScriptNames.Count);
        result.Data["pending"].Should().Be(0);
    }

    [Fact]
    public async Task CheckHealthAsync_PendingMigrations_IsUnhealthyAndNamesThem()
    {
        await using var database = TestDatabase.CreateEmpty();
        await (await database.Factory.OpenAsync()).DisposeAsync();

        var result = await CheckAsync(database);

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("pending migration").And.Contain(BookDataMigrator.ScriptNames[0]);
        result.Data["pending"].Should().Be(BookDataMigrator.ScriptNames.Count);
    }

    [Fact]
    public async Task CheckHealthAsync_MissingDatabaseFile_IsUnhealthyAndCreatesNoFile()
    {
        await using var database = TestDatabase.CreateEmpty();

        var result = await CheckAsync(database);

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("cannot be opened").And.Contain(database.Path);
        result.Exception.Should().BeOfType<BookDataDatabaseException>();
        File.Exists(database.Path).Should().BeFalse();
    }

    [Fact]
    public async Task CheckHealthAsync_FileIsNotADatabase_IsUnhealthyAndSaysSo()
    {
        await using var database = TestDatabase.CreateEmpty();
        var garbage = RandomNumberGenerator.GetBytes(8192);
        await File.WriteAllBytesAsync(database.Path, garbage);

        var result = await CheckAsync(database);

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("cannot be opened").And.Contain("not a SQLite database");
        (await File.ReadAllBytesAsync(database.Path)).Should().Equal(garbage);
    }

    [Fact]
    public async Task CheckHealthAsync_RegistrationFailureStatusDegraded_ReportsDegraded()
    {
        await using var database = TestDatabase.CreateEmpty();

        var result = await CheckAsync(database, HealthStatus.Degraded);

        result.Status.Should().Be(HealthStatus.Degraded);
    }

    [Fact]
    public async Task AddHealthCheck_ThroughHealthCheckService_ReportsUnderDefaultNameWithTags()
    {
        await using var database = TestDatabase.CreateEmpty();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBookData(options => options.ConnectionString = database.Options.ConnectionString)
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

    private static Task<HealthCheckResult> CheckAsync(TestDatabase database, HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        var check = new BookDataHealthCheck(database.Factory, new BookDataMigrator(database.Factory));
        var context = new HealthCheckContext
        {
            Registration = new HealthCheckRegistration(BookDataHealthCheck.DefaultName, check, failureStatus, tags: null),
        };
        return check.CheckHealthAsync(context);
    }
}
