using BookData.Connections;
using BookData.Migrations;
using BookData.Tests.Support;
using Dapper;
using Npgsql;

namespace BookData.Tests.Migrations;

[RequiresPostgreSql]
public sealed class PostgreSqlTitleSearchUpgradeTests : TitleSearchUpgradeTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;

    /// <summary>
    /// A user who may create tables but not extensions (not the database's owner, no CREATE on it) migrates a catalog
    /// whose citext a DBA installed: 0002 fails naming pg_trgm and the statement a DBA runs, the catalog stays at 0001
    /// with its rows, and once the DBA has created the extension the same migration succeeds.
    /// </summary>
    [ProviderFact]
    public async Task MigrateAsync_UserMayNotCreatePgTrgm_NamesTheExtensionAndWhatADbaRunsAndKeepsTheCatalog()
    {
        await using var db = await CreatePopulatedAtFirstVersionAsync();
        var role = $"bookdata_limited_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(db.Options.ConnectionString))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"""
                CREATE ROLE {role} LOGIN;
                GRANT USAGE, CREATE ON SCHEMA public TO {role};
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
                ALTER TABLE book OWNER TO {role};
                """);
        }

        try
        {
            var before = await CatalogDump.DataRowsAsync(db);
            var limited = new BookDataConnectionFactory(new BookDataOptions
            {
                ConnectionString = new NpgsqlConnectionStringBuilder(db.Options.ConnectionString) { Username = role, Pooling = false }.ToString(),
            }.UsePostgreSql());

            var act = () => new BookDataMigrator(limited).MigrateAsync();

            var error = (await act.Should().ThrowAsync<BookDataMigrationException>()).Which;
            error.ScriptName.Should().Be("0002_index_book_title_search.sql");
            error.Message.Should().Contain("needs the PostgreSQL extension pg_trgm").And.Contain($"user \"{role}\" may not create it")
                .And.Contain("CREATE EXTENSION pg_trgm;");
            (await CatalogDump.DataRowsAsync(db)).Should().Equal(before);
            (await new BookDataMigrator(db.Factory).GetStatusAsync()).Pending.Should().Equal(BookDataMigrator.ScriptNames.Skip(1));

            await CatalogDump.ExecuteAsync(db, "CREATE EXTENSION pg_trgm;");
            (await new BookDataMigrator(limited).MigrateAsync()).Applied.Should().Equal(BookDataMigrator.ScriptNames.Skip(1));
            (await SearchAllAsync(db, ["river", "Tale"])).Should().Equal(await ScanAllAsync(db, ["river", "Tale"]));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgreSqlTestServer.DropDatabaseAsync(db.DatabaseName!);
            await using var server = new NpgsqlConnection(PostgreSqlTestServer.ConnectionString);
            await server.OpenAsync();
            await server.ExecuteAsync($"DROP ROLE IF EXISTS {role};");
        }
    }
}
