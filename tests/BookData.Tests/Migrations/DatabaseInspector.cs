using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BookData.Tests.Migrations;

/// <summary>
/// Reads what a database holds over a private, unpooled connection of the provider's own driver, bypassing the
/// library: a SQLite file (read-only) or a PostgreSQL database (its current schema).
/// </summary>
internal sealed class DatabaseInspector
{
    private readonly BookDataProvider provider;
    private readonly string connectionString;
    private readonly string readOnlyConnectionString;

    private DatabaseInspector(BookDataProvider provider, string connectionString, string readOnlyConnectionString)
    {
        this.provider = provider;
        this.connectionString = connectionString;
        this.readOnlyConnectionString = readOnlyConnectionString;
    }

    /// <summary>An inspector for the SQLite database file at <paramref name="path"/>.</summary>
    public static DatabaseInspector Sqlite(string path) => new(
        BookDataProvider.Sqlite,
        new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString(),
        new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());

    /// <summary>An inspector for the PostgreSQL database <paramref name="connectionString"/> names.</summary>
    public static DatabaseInspector PostgreSql(string connectionString)
    {
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        return new(BookDataProvider.PostgreSql, unpooled, unpooled);
    }

    /// <summary>The journal's script names in order; empty when there is no journal table.</summary>
    public Task<IReadOnlyList<string>> JournalAsync() =>
        ReadAsync<IReadOnlyList<string>>(async connection => await HasTableAsync(connection, "schema_version")
            ? await StringsAsync(connection, "SELECT script_name FROM schema_version ORDER BY script_name;")
            : []);

    /// <summary>The checksum recorded for <paramref name="scriptName"/>.</summary>
    public Task<string> ChecksumAsync(string scriptName) =>
        ReadAsync(async connection =>
        {
            await using var command = Command(connection, "SELECT checksum FROM schema_version WHERE script_name = @name;", ("name", scriptName));
            return (string)(await command.ExecuteScalarAsync())!;
        });

    /// <summary>The names of the tables (on PostgreSQL, of the current schema), sorted by code point.</summary>
    public Task<IReadOnlyList<string>> TablesAsync() =>
        ReadAsync<IReadOnlyList<string>>(connection => StringsAsync(
            connection,
            provider == BookDataProvider.PostgreSql
                ? "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() ORDER BY tablename COLLATE \"C\";"
                : "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name;"));

    /// <summary>Runs a scalar query that returns an integer.</summary>
    public Task<long> ScalarAsync(string sql) =>
        ReadAsync(async connection =>
        {
            await using var command = Command(connection, sql);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        });

    /// <summary>Changes the database directly, bypassing the library (to simulate what another tool or version did).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read)
    {
        await using var connection = await OpenAsync(readOnlyConnectionString);
        return await read(connection);
    }

    private async Task<DbConnection> OpenAsync(string connection)
    {
        DbConnection opened = provider == BookDataProvider.PostgreSql ? new NpgsqlConnection(connection) : new SqliteConnection(connection);
        try
        {
            await opened.OpenAsync();
            return opened;
        }
        catch
        {
            await opened.DisposeAsync();
            throw;
        }
    }

    private async Task<bool> HasTableAsync(DbConnection connection, string name)
    {
        await using var command = Command(
            connection,
            provider == BookDataProvider.PostgreSql
                ? "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = @name;"
                : "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = @name;",
            ("name", name));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0;
    }

    private static async Task<IReadOnlyList<string>> StringsAsync(DbConnection connection, string sql)
    {
        await using var command = Command(connection, sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
