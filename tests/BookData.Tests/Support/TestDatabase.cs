using BookData.Connections;
using BookData.Migrations;
using Microsoft.Data.Sqlite;

namespace BookData.Tests.Support;

/// <summary>
/// A fresh SQLite file in the temp folder, migrated with the real migrator, deleted (after the
/// connection pools are cleared) when the test ends. Every test gets its own.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string path)
    {
        Path = path;
        Options = new BookDataOptions { ConnectionString = $"Data Source={path}", BusyTimeout = TimeSpan.FromSeconds(30) };
        Factory = new BookDataConnectionFactory(Options);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public BookDataOptions Options { get; }

    public BookDataConnectionFactory Factory { get; }

    /// <summary>A new, migrated database.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var database = CreateEmpty();
        await new BookDataMigrator(database.Factory).MigrateAsync();
        return database;
    }

    /// <summary>A path for a database that does not exist yet (nothing migrated).</summary>
    public static TestDatabase CreateEmpty() =>
        new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bookdata-test-{Guid.NewGuid():N}.db"));

    /// <summary>Runs a scalar query on a fresh connection, for checking what is stored.</summary>
    public async Task<long> CountAsync(string table)
    {
        await using var connection = await Factory.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table};";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal", MigrationTarget.LockFileSuffix })
        {
            try
            {
                File.Delete(Path + suffix);
            }
            catch (IOException)
            {
                // A file still held open elsewhere is left for the OS temp cleaner.
            }
        }

        return ValueTask.CompletedTask;
    }
}
