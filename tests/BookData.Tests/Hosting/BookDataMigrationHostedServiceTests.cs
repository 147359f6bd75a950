using BookData.Connections;
using BookData.Migrations;
using BookData.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BookData.Tests.Hosting;

public abstract class BookDataMigrationHostedServiceTests
{
    protected abstract BookDataProvider Provider { get; }

    [ProviderFact]
    public async Task StartAsync_MigrateOnStartup_SchemaIsCurrentWhenStartReturnsAndAppliedScriptsAreLogged()
    {
        await using var database = TestDatabase.CreateMissing(Provider);
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services => services.AddBookData(options =>
        {
            options.ConnectionString = database.Options.ConnectionString;
            options.UsePostgreSqlWhenRequested();
            options.MigrateOnStartup = true;
        }));

        await host.StartAsync();
        var status = await new BookDataMigrator(database.Factory).GetStatusAsync();
        await host.StopAsync();

        status.IsUpToDate.Should().BeTrue();
        status.Applied.Select(entry => entry.Name).Should().Equal(BookDataMigrator.ScriptNames);
        foreach (var script in BookDataMigrator.ScriptNames)
        {
            logs.Entries.Where(entry => entry.Level >= LogLevel.Information && entry.Message.Contains(script, StringComparison.Ordinal))
                .Should().ContainSingle("an applied script is logged once, by the migrator, not again by the startup")
                .Which.Should().Match<LogCollector.LogEntry>(entry => entry.Level == LogLevel.Information
                    && entry.EventId.Id == 1
                    && entry.Message.Contains(database.Factory.DataSource, StringComparison.Ordinal));
        }
    }

    [ProviderFact]
    public async Task StartAsync_CurrentDatabase_AppliesNothingAndLogsSchemaCurrent()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services => services.AddBookData(options =>
        {
            options.ConnectionString = database.Options.ConnectionString;
            options.UsePostgreSqlWhenRequested();
            options.MigrateOnStartup = true;
        }));

        await host.StartAsync();
        await host.StopAsync();

        (await database.CountAsync("schema_version")).Should().Be(BookDataMigrator.ScriptNames.Count);
        logs.Entries.Should().Contain(entry => entry.EventId.Name == "SchemaCurrent");
        logs.Entries.Should().NotContain(entry => entry.Level >= LogLevel.Information
            && entry.Category == typeof(BookDataMigrator).FullName);
    }

    [ProviderFact]
    public async Task StartAsync_MigrateOnStartupOff_DoesNotTouchTheDatabase()
    {
        await using var database = TestDatabase.CreateMissing(Provider);
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services => services.AddBookData(options =>
            options.ConnectionString = database.Options.ConnectionString).UsePostgreSqlWhen(Provider));

        await host.StartAsync();
        await host.StopAsync();

        (await database.ExistsAsync()).Should().BeFalse();
    }

    [ProviderFact]
    public async Task StartAsync_FailingScript_FailsStartupLogsTheScriptNameAndKeepsEarlierScripts()
    {
        await using var database = TestDatabase.CreateMissing(Provider);
        // Statements both providers accept.
        var scripts = new[]
        {
            new MigrationScript("0001_create_thing.sql", "CREATE TABLE thing (id INTEGER PRIMARY KEY);"),
            new MigrationScript("0002_break_things.sql", "CREATE TABLE half (id INTEGER); INSERT INTO no_such_table VALUES (1);"),
        };
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services =>
        {
            services.AddBookData(options =>
            {
                options.ConnectionString = database.Options.ConnectionString;
                options.UsePostgreSqlWhenRequested();
                options.MigrateOnStartup = true;
            });
            services.AddSingleton(provider => new BookDataMigrator(provider.GetRequiredService<BookDataConnectionFactory>(), scripts));
        });

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<BookDataMigrationException>())
            .Which.ScriptName.Should().Be("0002_break_things.sql");
        logs.Entries.Should().Contain(entry => entry.EventId.Name == "MigrationScriptFailed"
            && entry.Level == LogLevel.Error
            && entry.Message.Contains("0002_break_things.sql", StringComparison.Ordinal)
            && entry.Exception is BookDataMigrationException);
        var status = await new BookDataMigrator(database.Factory, scripts).GetStatusAsync();
        status.Applied.Select(entry => entry.Name).Should().Equal("0001_create_thing.sql");
        (await database.TableExistsAsync("thing")).Should().BeTrue();
        (await database.TableExistsAsync("half")).Should().BeFalse();
    }

    [ProviderFact]
    public async Task StartAsync_FailingMigration_LaterHostedServicesNeverStart()
    {
        await using var database = TestDatabase.CreateMissing(Provider);
        var connectionString = await MakeUnusableAsync(database);
        var later = new RecordingHostedService();
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services =>
        {
            services.AddBookData(options =>
            {
                options.ConnectionString = connectionString;
                options.MigrateOnStartup = true;
            }).UsePostgreSqlWhen(Provider);
            services.AddSingleton<IHostedService>(later);
        });

        var act = () => host.StartAsync();

        await act.Should().ThrowAsync<BookDataDatabaseException>();
        later.Started.Should().BeFalse();
    }

    /// <summary>
    /// A connection string for a database that cannot be opened: on SQLite the test database's file filled with
    /// bytes that are not a database, on PostgreSQL a server that does not answer.
    /// </summary>
    protected abstract Task<string> MakeUnusableAsync(TestDatabase database);

    private sealed class RecordingHostedService : IHostedService
    {
        public bool Started { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Started = true;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
