using System.Text.RegularExpressions;
using Npgsql;

namespace BookData.Tests.Support;

/// <summary>
/// A login role that may not create extensions, with a database of its own to work in, as a locked-down production
/// deployment grants: the database <c>bookdata_test_&lt;guid&gt;</c> is owned by the test server's superuser; the role
/// <c>bookdata_app_&lt;guid&gt;</c> (one per instance, since roles are cluster-wide and tests run in parallel) gets
/// <c>CONNECT</c> on it and <c>CREATE</c> on its schema <c>public</c>, but not <c>CREATE</c> on the database. So it can
/// create tables, and <c>CREATE EXTENSION citext</c> fails: citext is a trusted extension (since PostgreSQL 13), which
/// a non-superuser may create only with <c>CREATE</c> on the current database (42501, "permission denied to create
/// extension"). Disposing drops the database and the role.
/// </summary>
public sealed partial class PostgreSqlRestrictedRole : IAsyncDisposable
{
    private PostgreSqlRestrictedRole(string roleName, string superuserConnectionString)
    {
        RoleName = roleName;
        SuperuserConnectionString = superuserConnectionString;
        DatabaseName = PostgreSqlTestServer.DatabaseName(superuserConnectionString);
        ConnectionString = new NpgsqlConnectionStringBuilder(superuserConnectionString) { Username = roleName, Password = null }.ConnectionString;
    }

    /// <summary>The role's name, <c>bookdata_app_&lt;32 hex digits&gt;</c>.</summary>
    public string RoleName { get; }

    /// <summary>The database the role may work in.</summary>
    public string DatabaseName { get; }

    /// <summary>A connection string to <see cref="DatabaseName"/> as the restricted role.</summary>
    public string ConnectionString { get; }

    /// <summary>A connection string to <see cref="DatabaseName"/> as the test server's user (a superuser), for setting up and checking.</summary>
    public string SuperuserConnectionString { get; }

    /// <summary>Creates the database and the role with the grants described on the class.</summary>
    /// <exception cref="InvalidOperationException">No PostgreSQL server is configured.</exception>
    public static async Task<PostgreSqlRestrictedRole> CreateAsync(CancellationToken cancellationToken = default)
    {
        var database = await PostgreSqlTestServer.CreateDatabaseAsync(cancellationToken);
        var role = new PostgreSqlRestrictedRole($"bookdata_app_{Guid.NewGuid():N}", database);
        try
        {
            // Identifiers cannot be parameters; both names are generated here and checked against their patterns.
            await role.RunAsSuperuserAsync(
                $"""
                CREATE ROLE {QuoteRole(role.RoleName)} LOGIN;
                REVOKE ALL ON DATABASE "{role.DatabaseName}" FROM PUBLIC;
                GRANT CONNECT, TEMPORARY ON DATABASE "{role.DatabaseName}" TO {QuoteRole(role.RoleName)};
                GRANT USAGE, CREATE ON SCHEMA public TO {QuoteRole(role.RoleName)};
                """,
                cancellationToken);
            return role;
        }
        catch
        {
            await role.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs SQL in <see cref="DatabaseName"/> as the superuser.</summary>
    public async Task RunAsSuperuserAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Drops the database (ending its sessions), then the role.</summary>
    public async ValueTask DisposeAsync()
    {
        await PostgreSqlTestServer.DropDatabaseAsync(DatabaseName);
        await using var connection = new NpgsqlConnection(PostgreSqlTestServer.ConnectionString!);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP ROLE IF EXISTS {QuoteRole(RoleName)};", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string QuoteRole(string name) =>
        RoleNamePattern().IsMatch(name) ? $"\"{name}\"" : throw new ArgumentException($"\"{name}\" is not a test role name.", nameof(name));

    [GeneratedRegex("^bookdata_app_[0-9a-f]{32}$")]
    private static partial Regex RoleNamePattern();
}
