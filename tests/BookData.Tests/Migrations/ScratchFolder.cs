using BookData.Connections;
using BookData.Migrations;
using Microsoft.Data.Sqlite;

namespace BookData.Tests.Migrations;

/// <summary>
/// A fresh temp folder for migration tests that look at what lands beside the database (lock file,
/// backups) or need unusual paths; deleted with everything in it (after the pools are cleared).
/// </summary>
internal sealed class ScratchFolder : IAsyncDisposable
{
    private ScratchFolder(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
    }

    public string Path { get; }

    /// <summary>The default database file in the folder (not created).</summary>
    public string DatabasePath => System.IO.Path.Combine(Path, "catalog.db");

    public static ScratchFolder Create() =>
        new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bookdata-migrations-{Guid.NewGuid():N}"));

    /// <summary>A connection factory for <paramref name="databasePath"/> (default <see cref="DatabasePath"/>).</summary>
    public BookDataConnectionFactory Factory(Action<BookDataOptions>? configure = null, string? databasePath = null, string connectionSuffix = "")
    {
        var options = new BookDataOptions
        {
            ConnectionString = $"Data Source={databasePath ?? DatabasePath}{connectionSuffix}",
            BusyTimeout = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        return new BookDataConnectionFactory(options);
    }

    /// <summary>A migrator over <paramref name="scripts"/> with default options.</summary>
    public BookDataMigrator Migrator(IReadOnlyList<MigrationScript> scripts, Action<BookDataOptions>? configure = null) =>
        new(Factory(configure), scripts);

    /// <summary>The names of the files in the folder, sorted.</summary>
    public IReadOnlyList<string> FileNames() =>
        Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open elsewhere is left for the OS temp cleaner.
        }

        return ValueTask.CompletedTask;
    }
}
