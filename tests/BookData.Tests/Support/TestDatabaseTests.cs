namespace BookData.Tests.Support;

/// <summary>
/// What every test relies on from <see cref="TestDatabase"/>, on each provider (one subclass per provider; the
/// PostgreSQL one is skipped without a server).
/// </summary>
public abstract class TestDatabaseTests
{
    protected abstract BookDataProvider Provider { get; }

    /// <summary>Whether the database behind <paramref name="database"/> exists, asked outside the test database.</summary>
    protected abstract Task<bool> ExistsAsync(TestDatabase database);

    [ProviderTheory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task CountAsync_TableWithRows_ReturnsRowCount(int rows)
    {
        await using var db = await TestDatabase.CreateEmptyAsync(Provider);
        await using (var connection = await db.OpenConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE probe (id integer NOT NULL);";
            await command.ExecuteNonQueryAsync();
            command.CommandText = "INSERT INTO probe (id) VALUES (1);";
            for (var i = 0; i < rows; i++)
            {
                await command.ExecuteNonQueryAsync();
            }
        }

        (await db.CountAsync("probe")).Should().Be(rows);
    }

    [ProviderFact]
    public async Task CreateAsync_Provider_MigratesTheCatalogSchema()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);

        db.Factory.Provider.Should().Be(Provider);
        foreach (var table in new[] { "author", "publisher", "book", "book_publisher" })
        {
            (await db.CountAsync(table)).Should().Be(0, $"the migrated catalog has an empty {table} table");
        }
    }

    [ProviderFact]
    public async Task CreateEmptyAsync_Provider_HasThatProviderAndNoCatalogTables()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(Provider);

        db.Provider.Should().Be(Provider);
        var act = () => db.CountAsync("author");
        await act.Should().ThrowAsync<System.Data.Common.DbException>();
    }

    [ProviderFact]
    public async Task DisposeAsync_UsedDatabase_RemovesIt()
    {
        var db = await TestDatabase.CreateEmptyAsync(Provider);
        await using (var connection = await db.OpenConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE probe (id integer NOT NULL);";
            await command.ExecuteNonQueryAsync();
        }

        (await ExistsAsync(db)).Should().BeTrue();
        await db.DisposeAsync();

        (await ExistsAsync(db)).Should().BeFalse();
    }
}
