using System.Data.Common;
using BookData.Authors;
using BookData.Connections;
using BookData.Tests.Support;
using Npgsql;

namespace BookData.Tests.Connections;

[RequiresPostgreSql]
public sealed class PostgreSqlPoolExhaustionTests
{
    [ProviderFact]
    public async Task OpenAsync_PoolExhausted_SaysSoWithThePoolSizeAndTheSettingsToChange()
    {
        await using var database = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        var added = await new AuthorRepository(database.Factory).AddAsync("Ursula", "Le Guin");
        var factory = new BookDataConnectionFactory(new BookDataOptions
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(database.Options.ConnectionString)
            {
                ApplicationName = "bookdata-pool-test",
                MaxPoolSize = 2,
                Timeout = 1,
            }.ToString(),
        }.UsePostgreSql());
        var held = new List<DbConnection> { await factory.OpenAsync(), await factory.OpenAsync() };
        try
        {
            var open = () => factory.OpenAsync();
            var read = () => new AuthorRepository(factory).CountAsync();

            foreach (var error in new[] { (await open.Should().ThrowAsync<BookDataDatabaseException>()).Which, (await read.Should().ThrowAsync<BookDataDatabaseException>()).Which })
            {
                error.Message.Should().Contain(factory.DataSource)
                    .And.Contain("connection pool is exhausted")
                    .And.Contain("all 2 of its connections")
                    .And.Contain("Maximum Pool Size")
                    .And.Contain("Timeout (1 s)")
                    .And.NotContain("no PostgreSQL server answered");
            }
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }

        (await new AuthorRepository(factory).GetByIdAsync(added.AuthorId)).Should().Be(added);
        (await new AuthorRepository(factory).CountAsync()).Should().Be(1);
        NpgsqlConnection.ClearAllPools();
    }
}
