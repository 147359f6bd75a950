// Imports a CSV file into a fresh, migrated BookData catalog and prints what it did and how long it took.
// Usage: dotnet BookData.ImportBench.dll FILE.csv DATABASE.db [merge]
//   merge: import into DATABASE.db as it is (no fresh database), to measure merging into a full catalog.
using System.Diagnostics;
using System.Globalization;
using BookData;
using BookData.Connections;
using BookData.Import;
using BookData.Migrations;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: BookData.ImportBench FILE.csv DATABASE.db [merge]");
    return 1;
}

var csvPath = args[0];
var databasePath = args[1];
var merge = args.Length > 2 && args[2] == "merge";
var cacheMiB = int.Parse(Environment.GetEnvironmentVariable("BENCH_CACHE_MIB") ?? "64", CultureInfo.InvariantCulture);
if (!merge)
{
    foreach (var suffix in new[] { "", "-wal", "-shm" })
    {
        File.Delete(databasePath + suffix);
    }
}

var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={databasePath}" });
await new BookDataMigrator(factory).MigrateAsync();

var stopwatch = Stopwatch.StartNew();
var summary = await new CatalogImporter(factory).ImportAsync(csvPath, new ImportOptions { CacheSizeMiB = cacheMiB });
stopwatch.Stop();

Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"BookData import: {summary.RowsRead} rows, {summary.AuthorsAdded} authors, {summary.BooksAdded} books, "
    + $"{summary.PublishersAdded} publishers, {summary.LinksAdded} links added in {stopwatch.Elapsed.TotalSeconds:F2} s"));
if (Environment.GetEnvironmentVariable("BENCH_MEMORY") == "1")
{
    var info = GC.GetGCMemoryInfo();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"managed heap {info.HeapSizeBytes / 1048576} MiB, committed {info.TotalCommittedBytes / 1048576} MiB, peak working set {Environment.WorkingSet / 1048576} MiB now, gen2 collections {GC.CollectionCount(2)}, gen0 {GC.CollectionCount(0)}"));
}

return 0;
