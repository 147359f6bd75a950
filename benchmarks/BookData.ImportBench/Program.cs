// Imports a CSV file into a fresh, migrated BookData catalog and prints what it added and how long the
// import took. Part of benchmarks/import/run.sh, which times the whole process next to other importers.
// Usage: dotnet BookData.ImportBench.dll FILE.csv DATABASE.db   (DATABASE.db is deleted first)
//    or: dotnet BookData.ImportBench.dll FILE.csv "Host=...;Database=..."   (a PostgreSQL catalog, emptied first)
using System.Diagnostics;
using System.Globalization;
using BookData;
using BookData.Connections;
using BookData.Import;
using BookData.Migrations;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: BookData.ImportBench FILE.csv DATABASE.db|POSTGRESQL-CONNECTION-STRING");
    return 1;
}

var (csvPath, target) = (args[0], args[1]);
var postgreSql = target.Contains('=', StringComparison.Ordinal);
if (!postgreSql)
{
    foreach (var suffix in new[] { "", "-wal", "-shm" })
    {
        File.Delete(target + suffix);
    }
}

var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = postgreSql ? target : $"Data Source={target}" });
await new BookDataMigrator(factory).MigrateAsync();
if (postgreSql)
{
    // Every run starts from an empty catalog whose ids start at 1 again.
    await using var connection = await factory.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = "TRUNCATE book_publisher, book, author, publisher RESTART IDENTITY;";
    await command.ExecuteNonQueryAsync();
}

var stopwatch = Stopwatch.StartNew();
var summary = await new CatalogImporter(factory).ImportAsync(csvPath);
stopwatch.Stop();

Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"BookData import: {summary.RowsRead} rows, {summary.AuthorsAdded} authors, {summary.BooksAdded} books, "
    + $"{summary.PublishersAdded} publishers, {summary.LinksAdded} links added in {stopwatch.Elapsed.TotalSeconds:F2} s"));
return 0;
