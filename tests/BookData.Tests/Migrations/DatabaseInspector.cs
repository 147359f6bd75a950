using Microsoft.Data.Sqlite;

namespace BookData.Tests.Migrations;

/// <summary>Reads what a database file holds over a private, unpooled, read-only connection.</summary>
internal static class DatabaseInspector
{
    /// <summary>The journal's script names in order; empty when there is no journal table.</summary>
    public static Task<IReadOnlyList<string>> JournalAsync(string path) =>
        ReadAsync<IReadOnlyList<string>>(path, connection => HasTable(connection, "schema_version")
            ? Strings(connection, "SELECT script_name FROM schema_version ORDER BY script_name;")
            : []);

    /// <summary>The checksum recorded for <paramref name="scriptName"/>.</summary>
    public static Task<string> ChecksumAsync(string path, string scriptName) =>
        ReadAsync(path, connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT checksum FROM schema_version WHERE script_name = @name;";
            command.Parameters.AddWithValue("@name", scriptName);
            return (string)command.ExecuteScalar()!;
        });

    /// <summary>The names of the tables, sorted.</summary>
    public static Task<IReadOnlyList<string>> TablesAsync(string path) =>
        ReadAsync<IReadOnlyList<string>>(path, connection => Strings(connection, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name;"));

    /// <summary>Runs a scalar query.</summary>
    public static Task<long> ScalarAsync(string path, string sql) =>
        ReadAsync(path, connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (long)command.ExecuteScalar()!;
        });

    /// <summary>Changes the database directly, bypassing the library (to simulate what another tool or version did).</summary>
    public static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ReadAsync<T>(string path, Func<SqliteConnection, T> read)
    {
        await using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        return read(connection);
    }

    private static bool HasTable(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = @name;";
        command.Parameters.AddWithValue("@name", name);
        return (long)command.ExecuteScalar()! > 0;
    }

    private static string[] Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values.ToArray();
    }
}
