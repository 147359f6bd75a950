using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace BookData.Benchmarks.Catalog;

/// <summary>
/// A private copy of a generated catalog in the temp folder, for one benchmark class. The catalog of each
/// shape is generated once per process and copied, so every competitor reads identical files.
/// </summary>
public sealed class BenchmarkCatalog : IDisposable
{
    private static readonly ConcurrentDictionary<CatalogShape, Lazy<string>> Templates = new();

    private BenchmarkCatalog(CatalogShape shape, string path)
    {
        Shape = shape;
        Path = path;
        Options = new BookDataOptions { ConnectionString = $"Data Source={path}" };
    }

    public CatalogShape Shape { get; }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>BookData's defaults for this file: 30 s busy timeout, synchronous NORMAL, WAL, foreign keys, pooling.</summary>
    public BookDataOptions Options { get; }

    /// <summary>Creates a copy of the generated catalog of <paramref name="shape"/>.</summary>
    /// <param name="shape">The catalog's size.</param>
    /// <param name="withPublisherIndex">
    /// <see langword="false"/> drops <c>ix_book_publisher_publisher</c> (from migration 0001) from the copy and vacuums it.
    /// </param>
    public static BenchmarkCatalog Create(CatalogShape shape, bool withPublisherIndex = true)
    {
        var template = Templates.GetOrAdd(shape, s => new Lazy<string>(() => CreateTemplate(s))).Value;
        var path = NewPath($"{shape.Books}");
        File.Copy(template, path);
        if (!withPublisherIndex)
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            CatalogGenerator.Execute(connection, "DROP INDEX ix_book_publisher_publisher;");
            CatalogGenerator.Execute(connection, "VACUUM;");
            CatalogGenerator.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }

        return new BenchmarkCatalog(shape, path);
    }

    /// <summary>Opens a connection with no BookData settings, for setup and cleanup outside the measurements.</summary>
    public SqliteConnection OpenPlain()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, ForeignKeys = true, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Deletes every book (and, by cascade, its links) added after generation.</summary>
    public void RemoveAddedBooks()
    {
        using var connection = OpenPlain();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM book WHERE book_id > $max;";
        command.Parameters.AddWithValue("$max", (long)Shape.Books);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Delete(Path);
    }

    private static string CreateTemplate(CatalogShape shape)
    {
        // BOOKDATA_BENCH_CATALOG_CACHE: a folder where each shape's catalog is kept between processes, so the
        // million-book catalog of TitleSearchScaleBenchmarks is generated once, not in every benchmark process.
        var cache = Environment.GetEnvironmentVariable("BOOKDATA_BENCH_CATALOG_CACHE");
        if (!string.IsNullOrEmpty(cache))
        {
            var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(shape.ToString())))[..16];
            var cached = System.IO.Path.Combine(cache, $"catalog-{shape.Books}-{key}.db");
            if (!File.Exists(cached))
            {
                Directory.CreateDirectory(cache);
                var partial = cached + ".partial";
                File.Delete(partial);
                CatalogGenerator.GenerateAsync(shape, partial).GetAwaiter().GetResult();
                SqliteConnection.ClearAllPools();
                File.Move(partial, cached);
            }

            return cached;
        }

        var path = NewPath($"template-{shape.Books}");
        CatalogGenerator.GenerateAsync(shape, path).GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(path);
        return path;
    }

    private static string NewPath(string label) =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bookdata-bench-{label}-{Guid.NewGuid():N}.db");

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
