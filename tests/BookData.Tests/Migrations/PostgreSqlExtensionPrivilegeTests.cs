using BookData.Authors;
using BookData.Connections;
using BookData.Migrations;
using BookData.Tests.Support;
using Npgsql;

namespace BookData.Tests.Migrations;

/// <summary>
/// Migrating as a role that may create tables but not extensions (<see cref="PostgreSqlRestrictedRole"/>): the
/// extensions the scripts need (citext in 0001, pg_trgm in 0002) either exist already or the error says what a DBA runs.
/// </summary>
[RequiresPostgreSql]
public sealed class PostgreSqlExtensionPrivilegeTests
{
    [ProviderFact]
    public async Task MigrateAsync_RestrictedRoleAndDbaCreatedTheExtensions_AppliesEveryScript()
    {
        await using var role = await PostgreSqlRestrictedRole.CreateAsync();
        await role.RunAsSuperuserAsync("CREATE EXTENSION citext; CREATE EXTENSION pg_trgm;");
        var factory = Factory(role);

        var result = await new BookDataMigrator(factory).MigrateAsync();

        result.Applied.Should().Equal(BookDataMigrator.ScriptNames);
        var added = await new AuthorRepository(factory).AddAsync("Ursula", "Le Guin");
        (await new AuthorRepository(factory).FindByNameAsync("URSULA", "le guin")).Should().Be(added);
        (await DatabaseInspector.PostgreSql(role.SuperuserConnectionString).ScalarAsync(
            $"SELECT count(*) FROM pg_tables WHERE tablename = 'author' AND tableowner = '{role.RoleName}';")).Should().Be(1);
        NpgsqlConnection.ClearAllPools();
    }

    [ProviderFact]
    public async Task MigrateAsync_RestrictedRoleWithoutCitext_NamesTheExtensionAndWhatADbaRunsAndCreatesNothing()
    {
        await using var role = await PostgreSqlRestrictedRole.CreateAsync();
        var factory = Factory(role);
        var inspector = DatabaseInspector.PostgreSql(role.SuperuserConnectionString);

        var act = () => new BookDataMigrator(factory).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be(BookDataMigrator.ScriptNames[0]);
        error.Message.Should().Contain("needs the PostgreSQL extension citext")
            .And.Contain($"database \"{role.DatabaseName}\"")
            .And.Contain($"user \"{role.RoleName}\" may not create it")
            .And.Contain("as a superuser or the database's owner")
            .And.Contain("CREATE EXTENSION citext;")
            .And.Contain("allow-list")
            .And.NotContain("pg_trgm");
        (await inspector.TablesAsync()).Should().NotContain(["author", "book", "publisher", "book_publisher"]);
        (await inspector.JournalAsync()).Should().BeEmpty();
        (await inspector.ScalarAsync("SELECT count(*) FROM pg_extension WHERE extname IN ('citext', 'pg_trgm');")).Should().Be(0);
        NpgsqlConnection.ClearAllPools();
    }

    [ProviderFact]
    public async Task MigrateAsync_RestrictedRoleWithCitextButNotPgTrgm_NamesPgTrgmAndAppliesNothing()
    {
        await using var role = await PostgreSqlRestrictedRole.CreateAsync();
        await role.RunAsSuperuserAsync("CREATE EXTENSION citext;");
        var factory = Factory(role);
        var inspector = DatabaseInspector.PostgreSql(role.SuperuserConnectionString);

        var act = () => new BookDataMigrator(factory).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be("0002_index_book_title_search.sql");
        error.Message.Should().Contain("needs the PostgreSQL extension pg_trgm").And.Contain("CREATE EXTENSION pg_trgm;")
            .And.Contain($"database \"{role.DatabaseName}\"");
        (await inspector.TablesAsync()).Should().NotContain("author");
        (await inspector.JournalAsync()).Should().BeEmpty();

        await role.RunAsSuperuserAsync("CREATE EXTENSION pg_trgm;");
        (await new BookDataMigrator(factory).MigrateAsync()).Applied.Should().Equal(BookDataMigrator.ScriptNames);
        NpgsqlConnection.ClearAllPools();
    }

    [ProviderFact]
    public async Task MigrateAsync_PgTrgmInASchemaOffTheSearchPath_NamesTheSchemaAndWhatToRunAndAppliesNothing()
    {
        await using var role = await PostgreSqlRestrictedRole.CreateAsync();
        await role.RunAsSuperuserAsync(
            $"CREATE EXTENSION citext; CREATE SCHEMA ext; CREATE EXTENSION pg_trgm SCHEMA ext; GRANT USAGE ON SCHEMA ext TO \"{role.RoleName}\";");
        var factory = Factory(role);
        var inspector = DatabaseInspector.PostgreSql(role.SuperuserConnectionString);

        var act = () => new BookDataMigrator(factory).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be("0002_index_book_title_search.sql");
        error.Message.Should().Contain("needs the PostgreSQL extension pg_trgm")
            .And.Contain("in schema \"ext\", not on the search path of user")
            .And.Contain($"ALTER ROLE \"{role.RoleName}\" IN DATABASE \"{role.DatabaseName}\" SET search_path = \"$user\", public, \"ext\";")
            .And.Contain("No script was applied");
        (await inspector.TablesAsync()).Should().NotContain("author");
        (await inspector.JournalAsync()).Should().BeEmpty();

        // What the message says to run is enough.
        await role.RunAsSuperuserAsync($"ALTER ROLE \"{role.RoleName}\" IN DATABASE \"{role.DatabaseName}\" SET search_path = \"$user\", public, \"ext\";");
        NpgsqlConnection.ClearAllPools();
        (await new BookDataMigrator(factory).MigrateAsync()).Applied.Should().Equal(BookDataMigrator.ScriptNames);
        NpgsqlConnection.ClearAllPools();
    }

    private static BookDataConnectionFactory Factory(PostgreSqlRestrictedRole role) =>
        new(new BookDataOptions { ConnectionString = role.ConnectionString }.UsePostgreSql());
}
