using BookData.Authors;
using BookData.Connections;
using BookData.Migrations;
using BookData.Tests.Hosting;
using BookData.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace BookData.Tests.Migrations;

/// <summary>
/// Two app instances on one new database, each with its own connection pool (their connection strings differ by
/// <c>Application Name</c>, as two processes' pools are separate): B connects first, A wins the migration race.
/// </summary>
[RequiresPostgreSql]
public sealed class PostgreSqlMigrationRaceTests
{
    [ProviderFact]
    public async Task MigrateAsync_OtherInstanceMigratedAfterThisOneConnected_ReadsNamesAndIsHealthy()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(BookDataProvider.PostgreSql);
        var instanceA = Instance(database, "bookdata-a");
        var instanceB = Instance(database, "bookdata-b");
        try
        {
            // B starts first: its health check and a status read open read-only and read-write connections
            // while the database has no citext yet.
            (await BookDataHealthCheckTests.RunAsync(instanceB)).Status.Should().Be(HealthStatus.Unhealthy);
            (await new BookDataMigrator(instanceB).GetStatusAsync()).Pending.Should().Equal(BookDataMigrator.ScriptNames);
            await (await instanceB.OpenAsync()).DisposeAsync();

            (await new BookDataMigrator(instanceA).MigrateAsync()).Applied.Should().Equal(BookDataMigrator.ScriptNames);
            var added = await new AuthorRepository(instanceA).AddAsync("Ursula", "Le Guin");

            (await new BookDataMigrator(instanceB).MigrateAsync()).Applied.Should().BeEmpty();
            var authorsB = new AuthorRepository(instanceB);
            (await authorsB.GetByIdAsync(added.AuthorId)).Should().Be(added);
            (await authorsB.ListAsync()).Items.Should().Equal(added);
            (await authorsB.AddAsync("Italo", "Calvino")).LastName.Should().Be("Calvino");
            var health = await BookDataHealthCheckTests.RunAsync(instanceB);
            health.Status.Should().Be(HealthStatus.Healthy, health.Description);
            (await new AuthorRepository(instanceA).CountAsync()).Should().Be(2);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
        }
    }

    [ProviderFact]
    public async Task OpenAsync_InstanceThatNeverMigratesConnectedBeforeTheMigration_ReadsNames()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(BookDataProvider.PostgreSql);
        var instanceA = Instance(database, "bookdata-a");
        var instanceB = Instance(database, "bookdata-b");
        try
        {
            await (await instanceB.OpenReadOnlyAsync()).DisposeAsync();
            await (await instanceB.OpenAsync()).DisposeAsync();

            await new BookDataMigrator(instanceA).MigrateAsync();
            var added = await new AuthorRepository(instanceA).AddAsync("Ursula", "Le Guin");

            (await new AuthorRepository(instanceB).FindByNameAsync("ursula", "le guin")).Should().Be(added);
            (await new AuthorRepository(instanceB).RenameAsync(added.AuthorId, "Ursula K.", "Le Guin")).FirstName.Should().Be("Ursula K.");
            (await new AuthorRepository(instanceA).GetByIdAsync(added.AuthorId))!.FirstName.Should().Be("Ursula K.");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
        }
    }

    private static BookDataConnectionFactory Instance(TestDatabase database, string applicationName) =>
        new(new BookDataOptions
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(database.Options.ConnectionString) { ApplicationName = applicationName }.ToString(),
        }.UsePostgreSql());
}
