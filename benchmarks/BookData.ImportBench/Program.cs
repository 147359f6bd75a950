// Imports a CSV file into a fresh, migrated BookData catalog and prints what it added and how long the
// import took. Part of benchmarks/import/run.sh, which times the whole process next to other importers.
// Usage: dotnet BookData.ImportBench.dll FILE.csv DATABASE.db   (DATABASE.db is deleted first)
using System.Diagnostics;
using System.Globalization;
using BookData;
using BookData.Connections;
using BookData.Import;
using BookData.Migrations;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: BookData.ImportBench FILE.csv DATABASE.db");
    return 1;
}

var (csvPath, databasePath) = (args[0], args[1]);
foreach (var suffix in new[] { "", "-wal", "-shm" })
{
    File.Delete(databasePath + suffix);
}

var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={databasePath}" });
await new BookDataMigrator(factory).MigrateAsync();

var stopwatch = Stopwatch.StartNew();
var summary = await new CatalogImporter(factory).ImportAsync(csvPath);
stopwatch.Stop();

Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"BookData import: {summary.RowsRead} rows, {summary.AuthorsAdded} authors, {summary.BooksAdded} books, "
    + $"{summary.PublishersAdded} publishers, {summary.LinksAdded} links added in {stopwatch.Elapsed.TotalSeconds:F2} s"));
return 0;
