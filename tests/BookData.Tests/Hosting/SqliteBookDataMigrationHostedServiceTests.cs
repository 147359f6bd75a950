using System.Security.Cryptography;
using BookData.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BookData.Tests.Hosting;

public sealed class SqliteBookDataMigrationHostedServiceTests : BookDataMigrationHostedServiceTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;

    protected override async Task<string> MakeUnusableAsync(TestDatabase database)
    {
        await File.WriteAllBytesAsync(database.Path, RandomNumberGenerator.GetBytes(4096));
        return database.Options.ConnectionString;
    }

    [ProviderFact]
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
}
