using BookData.Connections;
using BookData.Export;
using BookData.Migrations;
using Microsoft.Data.Sqlite;

namespace BookData.Benchmarks.Catalog;

/// <summary>
/// The import operation's input and target: a CSV file of the first <see cref="Rows"/> rows of
/// BookData's export of the generated catalog (sorted by author, title and publisher, as an export is), and
/// for every import a fresh copy of an empty catalog migrated by BookData's own migrator. Both are made once
/// per process; every competitor reads the same file into an identical empty database.
/// </summary>
public sealed class ImportInput : IDisposable
{
    private static readonly Lazy<(string Csv, string EmptyCatalog)> Files = new(CreateFiles);

    private ImportInput(string path)
    {
        TargetPath = path;
        Options = new BookDataOptions { ConnectionString = $"Data Source={path}" };
    }

    /// <summary>
    /// The rows in the CSV file: <see cref="Operations.ImportRows"/>, or fewer for the smoke run; set before
    /// the first import of the process.
    /// </summary>
    public static int Rows { get; set; } = Operations.ImportRows;

    /// <summary>The CSV file to import.</summary>
    public static string CsvPath => Files.Value.Csv;

    /// <summary>The empty catalog this import writes to.</summary>
    public string TargetPath { get; }

    /// <summary>BookData's default options for <see cref="TargetPath"/>.</summary>
    public BookDataOptions Options { get; }

    /// <summary>A fresh empty catalog to import into.</summary>
    public static ImportInput CreateTarget()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bookdata-bench-import-{Guid.NewGuid():N}.db");
        File.Copy(Files.Value.EmptyCatalog, path);
        return new ImportInput(path);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Delete(TargetPath);
    }

    private static (string Csv, string EmptyCatalog) CreateFiles()
    {
        var folder = System.IO.Path.GetTempPath();
        var csv = System.IO.Path.Combine(folder, $"bookdata-bench-import-{Guid.NewGuid():N}.csv");
        var empty = System.IO.Path.Combine(folder, $"bookdata-bench-import-empty-{Guid.NewGuid():N}.db");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Delete(csv);
            Delete(empty);
        };

        using (var source = BenchmarkCatalog.Create(CatalogShape.Default))
        {
            var export = new MemoryStream();
            new CatalogExporter(new BookDataConnectionFactory(source.Options)).ExportAsync(export).GetAwaiter().GetResult();
            using var reader = new StreamReader(new MemoryStream(export.ToArray()));
            using var writer = new StreamWriter(csv);

            // The header, then the first Rows records; a quoted title may span lines, so records are counted, not lines.
            writer.WriteLine(reader.ReadLine());
            var records = 0;
            var open = false;
            while (records < Rows && reader.ReadLine() is { } line)
            {
                writer.Write(line);
                writer.Write('\n');
                open ^= line.Count(c => c == '"') % 2 == 1;
                if (!open)
                {
                    records++;
                }
            }
        }

        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={empty}" });
        new BookDataMigrator(factory).MigrateAsync().GetAwaiter().GetResult();
        using (var connection = new SqliteConnection($"Data Source={empty};Pooling=False"))
        {
            connection.Open();
            CatalogGenerator.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }

        SqliteConnection.ClearAllPools();
        return (csv, empty);
    }

    private static void Delete(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal", ".migrate.lock" })
        {
            try
            {
                File.Delete(path + suffix);
            }
            catch (IOException)
            {
                // Still open somewhere: left for the temp folder's cleaner.
            }
        }
    }
}
