using BookData.Import;
using BookData.Connections;
using BookData.Migrations;
using Microsoft.Data.Sqlite;

namespace BookData.Cli.Tests.Support;

/// <summary>
/// A temp database file for one test, deleted (after the connection pools are cleared) when the test ends.
/// </summary>
public sealed class CliDatabase : IAsyncDisposable
{
    private readonly List<string> extraFiles = [];

    private CliDatabase(string path)
    {
        Path = path;
        Factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={path}" });
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public BookDataConnectionFactory Factory { get; }

    /// <summary>A path where no database exists yet.</summary>
    public static CliDatabase CreateEmpty() =>
        new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bookdata-cli-test-{Guid.NewGuid():N}.db"));

    /// <summary>A database file a command created, to inspect and then delete.</summary>
    public static CliDatabase Existing(string path) => new(path);

    /// <summary>A migrated database holding the reference sample, imported from the copy bundled in the tool.</summary>
    public static async Task<CliDatabase> CreateWithSampleAsync()
    {
        var database = CreateEmpty();
        await new BookDataMigrator(database.Factory).MigrateAsync();
        await using var csv = BookData.Cli.Samples.SampleCatalog.OpenCsv();
        await new CatalogImporter(database.Factory).ImportAsync(csv);
        return database;
    }

    /// <summary>
    /// A database holding the reference sample at the schema the first <paramref name="scripts"/> migration scripts
    /// give it, as a catalog made by an older version of BookData.
    /// </summary>
    public static async Task<CliDatabase> CreateWithSampleAtVersionAsync(int scripts)
    {
        var database = CreateEmpty();
        await new BookDataMigrator(database.Factory, database.Factory.CatalogProvider.MigrationScripts.Take(scripts).ToArray()).MigrateAsync();
        await using var csv = BookData.Cli.Samples.SampleCatalog.OpenCsv();
        await new CatalogImporter(database.Factory).ImportAsync(csv);
        return database;
    }

    /// <summary>A path beside the database for another file the test creates; deleted with the database.</summary>
    public string SiblingPath(string suffix)
    {
        var path = Path + suffix;
        extraFiles.Add(path);
        return path;
    }

    /// <summary>Counts a table's rows.</summary>
    public Task<long> CountAsync(string table) => CountAsync(Path, table);

    /// <summary>Counts a table's rows in any database file, on a fresh non-pooled connection.</summary>
    public static async Task<long> CountAsync(string path, string table)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table};";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in extraFiles.Append(Path))
        {
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                try
                {
                    File.Delete(file + suffix);
                }
                catch (IOException)
                {
                    // A file still held open elsewhere is left for the OS temp cleaner.
                }
            }
        }

        return ValueTask.CompletedTask;
    }
}
