using System.Security.Cryptography;
using BookData.Connections;
using BookData.Migrations;
using BookData.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BookData.Tests.Hosting;

public sealed class BookDataMigrationHostedServiceTests
{
    [Fact]
    public async Task StartAsync_MigrateOnStartup_SchemaIsCurrentWhenStartReturnsAndAppliedScriptsAreLogged()
    {
        await using var database = TestDatabase.CreateEmpty();
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services => services.AddBookData(options =>
        {
            options.ConnectionString = database.Options.ConnectionString;
            options.MigrateOnStartup = true;
        }));

        await host.StartAsync();
        var status = await new BookDataMigrator(database.Factory).GetStatusAsync();
        await host.StopAsync();

        status.IsUpToDate.Should().BeTrue();
        status.Applied.Select(entry => entry.Name).Should().Equal(BookDataMigrator.ScriptNames);
        logs.Entries.Should().Contain(entry => entry.EventId.Name == "MigrationsApplied"
            && entry.Level == LogLevel.Information
            && entry.Message.Contains(BookDataMigrator.ScriptNames[0], StringComparison.Ordinal)
            && entry.Message.Contains(database.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_CurrentDatabase_AppliesNothingAndLogsSchemaCurrent()
    {
        await using var database = await TestDatabase.CreateAsync();
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services => services.AddBookData(options =>
        {
            options.ConnectionString = database.Options.ConnectionString;
            options.MigrateOnStartup = true;
        }));

        await host.StartAsync();
        await host.StopAsync();

        (await database.CountAsync("schema_version")).Should().Be(BookDataMigrator.ScriptNames.Count);
        logs.Entries.Should().Contain(entry => entry.EventId.Name == "SchemaCurrent");
        logs.Entries.Should().NotContain(entry => entry.EventId.Name == "MigrationsApplied");
    }

    [Fact]
    public async Task StartAsync_MigrateOnStartupOff_DoesNotTouchTheDatabase()
    {
        await using var database = TestDatabase.CreateEmpty();
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services => services.AddBookData(options =>
            options.ConnectionString = database.Options.ConnectionString));

        await host.StartAsync();
        await host.StopAsync();

        File.Exists(database.Path).Should().BeFalse();
    }

    [Fact]
    public async Task StartAsync_FileIsNotADatabase_FailsStartupAndLogsTheError()
    {
        await using var database = TestDatabase.CreateEmpty();
        var garbage = RandomNumberGenerator.GetBytes(8192);
        await File.WriteAllBytesAsync(database.Path, garbage);
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services => services.AddBookData(options =>
        {
            options.ConnectionString = database.Options.ConnectionString;
            options.MigrateOnStartup = true;
        }));

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<BookDataDatabaseException>())
            .Which.Message.Should().Contain("not a SQLite database");
        logs.Entries.Should().Contain(entry => entry.EventId.Name == "MigrationFailed"
            && entry.Level == LogLevel.Error
            && entry.Message.Contains(database.Path, StringComparison.Ordinal));
        (await File.ReadAllBytesAsync(database.Path)).Should().Equal(garbage);
    }

    [Fact]
    public async Task StartAsync_FailingScript_FailsStartupLogsTheScriptNameAndKeepsEarlierScripts()
    {
        await using var database = TestDatabase.CreateEmpty();
        var scripts = new[]
        {
            new MigrationScript("0001_create_thing.sql", "CREATE TABLE thing (id INTEGER PRIMARY KEY) STRICT;"),
            new MigrationScript("0002_break_things.sql", "CREATE TABLE half (id INTEGER) STRICT; INSERT INTO no_such_table VALUES (1);"),
        };
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services =>
        {
            services.AddBookData(options =>
            {
                options.ConnectionString = database.Options.ConnectionString;
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
        (await database.CountAsync("sqlite_schema WHERE name = 'half'")).Should().Be(0);
    }

    [Fact]
    public async Task StartAsync_FailingMigration_LaterHostedServicesNeverStart()
    {
        await using var database = TestDatabase.CreateEmpty();
        await File.WriteAllBytesAsync(database.Path, RandomNumberGenerator.GetBytes(4096));
        var later = new RecordingHostedService();
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services =>
        {
            services.AddBookData(options =>
            {
                options.ConnectionString = database.Options.ConnectionString;
                options.MigrateOnStartup = true;
            });
            services.AddSingleton<IHostedService>(later);
        });

        var act = () => host.StartAsync();

        await act.Should().ThrowAsync<BookDataDatabaseException>();
        later.Started.Should().BeFalse();
    }

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
