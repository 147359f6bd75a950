using System.Globalization;
using BookData.Connections;
using BookData.Migrations;
using Npgsql;

namespace BookData.Tests.Import;

/// <summary>
/// A fresh PostgreSQL database on the server BOOKDATA_TEST_POSTGRES names, migrated with the real migrator,
/// dropped when the test ends. Every test gets its own.
/// </summary>
public sealed class PostgreSqlTestCatalog : IAsyncDisposable
{
    public const string ServerVariable = "BOOKDATA_TEST_POSTGRES";

    private PostgreSqlTestCatalog(string databaseName, BookDataConnectionFactory factory)
    {
        DatabaseName = databaseName;
        Factory = factory;
    }

    /// <summary>The server's connection string, or <see langword="null"/> when the variable is unset.</summary>
    public static string? ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value ? value : null;

    public string DatabaseName { get; }

    public BookDataConnectionFactory Factory { get; }

    /// <summary>A new, migrated database.</summary>
    public static async Task<PostgreSqlTestCatalog> CreateAsync()
    {
        var server = ServerConnectionString ?? throw new InvalidOperationException($"{ServerVariable} is not set.");
        var name = $"bookdata_test_{Guid.NewGuid():N}";
        await ExecuteOnServerAsync(server, $"CREATE DATABASE {name};");
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = builder.ToString(), BusyTimeout = TimeSpan.FromSeconds(30) });
        var catalog = new PostgreSqlTestCatalog(name, factory);
        try
        {
            await new BookDataMigrator(factory).MigrateAsync();
            return catalog;
        }
        catch
        {
            await catalog.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every row of every catalog table, ids included, as sorted text lines.</summary>
    public async Task<IReadOnlyList<string>> AllRowsAsync()
    {
        var lines = new List<string>();
        foreach (var sql in CatalogRowsSql)
        {
            lines.AddRange((await QueryAsync(sql)).Select(row => string.Join('|', row)));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>The statements <see cref="AllRowsAsync"/> runs; they read the same on SQLite.</summary>
    public static IReadOnlyList<string> CatalogRowsSql { get; } =
    [
        "SELECT 'author', author_id, first_name, last_name FROM author",
        "SELECT 'publisher', publisher_id, name FROM publisher",
        "SELECT 'book', book_id, author_id, title FROM book",
        "SELECT 'link', book_id, publisher_id FROM book_publisher",
    ];

    public async Task<long> CountAsync(string table) => long.Parse((await QueryAsync($"SELECT count(*) FROM {table}"))[0][0], CultureInfo.InvariantCulture);

    /// <summary>Runs a query and returns every row as strings.</summary>
    public async Task<IReadOnlyList<string[]>> QueryAsync(string sql)
    {
        await using var connection = await Factory.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
            }

            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync(ServerConnectionString!, $"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE);");
    }

    private static async Task ExecuteOnServerAsync(string server, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
