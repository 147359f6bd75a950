using BookData.Connections;
using BookData.Migrations;
using Microsoft.Data.Sqlite;

namespace BookData.Tests.Migrations;

public sealed class SqliteBookDataMigratorTests : BookDataMigratorTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;

    protected override string MissingTableError(string table) => $"no such table: {table}";

    protected override void ClearAllPools() => SqliteConnection.ClearAllPools();

    [Fact]
    public async Task GetStatusAsync_MissingFile_ReportsEverythingPendingAndCreatesNothing()
    {
        await using var folder = ScratchFolder.Create();

        var status = await folder.Migrator(TestScripts.All).GetStatusAsync();

        status.Applied.Should().BeEmpty();
        status.Pending.Should().Equal(TestScripts.Names(TestScripts.CreateThing, TestScripts.SeedThing, TestScripts.CreateOther));
        status.Changed.Should().BeEmpty();
        status.Unknown.Should().BeEmpty();
        folder.FileNames().Should().BeEmpty();
    }

    [Fact]
    public async Task MigrateAsync_SharedInMemoryDatabase_AppliesEachScriptOnce()
    {
        var connectionString = $"Data Source=bookdata-memory-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = connectionString });
        await using var keeper = await factory.OpenAsync();

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(async () =>
            {
                await start.Task;
                return await new BookDataMigrator(factory, TestScripts.All).MigrateAsync();
            }))
            .ToArray();
        start.SetResult();
        var results = await Task.WhenAll(racers);

        results.Sum(result => result.Applied.Count).Should().Be(3);
        results.Should().OnlyContain(result => result.BackupPath == null);
        (await CountAsync(keeper, "schema_version")).Should().Be(3);
        (await CountAsync(keeper, "thing")).Should().Be(1);
    }

    private static async Task<long> CountAsync(System.Data.Common.DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table};";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
