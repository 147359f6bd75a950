using Npgsql;

namespace BookData.Tests.Support;

[RequiresPostgreSql]
public sealed class PostgreSqlRestrictedRoleTests
{
    [ProviderFact]
    public async Task CreateAsync_RoleCreatesTable_TableIsStoredAndOwnedByRole()
    {
        await using var role = await PostgreSqlRestrictedRole.CreateAsync();

        await using (var connection = new NpgsqlConnection(role.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE note (id bigint PRIMARY KEY, body text NOT NULL); INSERT INTO note VALUES (1, 'kept');", connection);
            await create.ExecuteNonQueryAsync();
        }

        (await ScalarAsSuperuserAsync(role, "SELECT tableowner || ':' || (SELECT body FROM note) FROM pg_tables WHERE tablename = 'note';"))
            .Should().Be($"{role.RoleName}:kept");
    }

    [ProviderFact]
    public async Task CreateAsync_RoleCreatesCitextExtension_FailsAndExtensionIsAbsent()
    {
        await using var role = await PostgreSqlRestrictedRole.CreateAsync();
        await using var connection = new NpgsqlConnection(role.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE EXTENSION citext;", connection);

        var act = () => command.ExecuteNonQueryAsync();

        var error = (await act.Should().ThrowAsync<PostgresException>()).Which;
        error.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
        error.MessageText.Should().Be("permission denied to create extension \"citext\"");
        error.Hint.Should().Contain("CREATE privilege on current database");
        (await ScalarAsSuperuserAsync(role, "SELECT count(*)::text FROM pg_extension WHERE extname = 'citext';")).Should().Be("0");
    }

    [ProviderFact]
    public async Task CreateAsync_RoleOnDatabaseCatalog_HasNoCreateOnDatabaseButCreateOnSchema()
    {
        await using var role = await PostgreSqlRestrictedRole.CreateAsync();

        var privileges = await ScalarAsSuperuserAsync(
            role,
            $"""
            SELECT has_database_privilege('{role.RoleName}', current_database(), 'CREATE')::text
                || ':' || has_schema_privilege('{role.RoleName}', 'public', 'CREATE')::text
                || ':' || (SELECT rolsuper OR rolcreatedb OR rolcreaterole FROM pg_roles WHERE rolname = '{role.RoleName}')::text;
            """);

        privileges.Should().Be("false:true:false");
    }

    [ProviderFact]
    public async Task DisposeAsync_RoleAndDatabase_BothDropped()
    {
        var role = await PostgreSqlRestrictedRole.CreateAsync();

        await role.DisposeAsync();

        (await PostgreSqlTestServer.DatabaseExistsAsync(role.DatabaseName)).Should().BeFalse();
        await using var connection = new NpgsqlConnection(PostgreSqlTestServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_roles WHERE rolname = @Name;", connection);
        command.Parameters.AddWithValue("Name", role.RoleName);
        (await command.ExecuteScalarAsync()).Should().Be(0L);
    }

    private static async Task<string> ScalarAsSuperuserAsync(PostgreSqlRestrictedRole role, string sql)
    {
        await using var connection = new NpgsqlConnection(role.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
