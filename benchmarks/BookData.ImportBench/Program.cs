using BookData.Authors;
// Imports a CSV file into a fresh, migrated BookData catalog and prints what it added and how long the
// import took. Part of benchmarks/import/run.sh, which times the whole process next to other importers.
// Usage: dotnet BookData.ImportBench.dll FILE.csv DATABASE.db   (DATABASE.db is deleted first)
//    or: dotnet BookData.ImportBench.dll FILE.csv "Host=...;Database=..."   (a PostgreSQL catalog, emptied first)
//    or: dotnet BookData.ImportBench.dll --counts "Host=...;Database=..."   (prints authors|books|publishers|links)
//    or: dotnet BookData.ImportBench.dll --wal-size FILE.csv DATABASE.db   (benchmarks/import/wal-size.sh: the -wal
//        file's size after importing FILE.csv into a non-empty catalog and 20 add-books, in this still-running process)
using System.Diagnostics;
using System.Globalization;
using BookData;
using BookData.Books;
using BookData.Connections;
using BookData.Import;
using BookData.Migrations;
using BookData.Reports;

if (args is ["--counts", var countsTarget])
{
    var countsFactory = new BookDataConnectionFactory(new BookDataOptions
    {
        ConnectionString = countsTarget.Contains('=', StringComparison.Ordinal) ? countsTarget : $"Data Source={countsTarget}",
    }.UsePostgreSqlWhenRequested());
    var counts = await new CatalogReports(countsFactory).GetCountsAsync();
    Console.WriteLine($"{counts.Authors}|{counts.Books}|{counts.Publishers}|{counts.BookPublisherLinks}");
    return 0;
}

if (args is ["--wal-size", var walCsv, var walDatabase])
{
    foreach (var suffix in new[] { "", "-wal", "-shm" })
    {
        File.Delete(walDatabase + suffix);
    }

    var walFactory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={walDatabase}" });
    await new BookDataMigrator(walFactory).MigrateAsync();
    var books = new BookRepository(walFactory);
    await books.AddBookAsync(AuthorName.Create("Stephen", "King"), "The Stand", "Random House");
    var walImport = await new CatalogImporter(walFactory).ImportAsync(walCsv);
    PrintSizes($"after importing {walImport.RowsRead:N0} rows");
    for (var i = 0; i < 20; i++)
    {
        await books.AddBookAsync(AuthorName.Create("Stephen", "King"), $"Written After The Import {i}", "Random House");
    }

    PrintSizes("after 20 add-books");
    return 0;

    void PrintSizes(string when)
    {
        var database = new FileInfo(walDatabase).Length;
        var log = File.Exists(walDatabase + "-wal") ? new FileInfo(walDatabase + "-wal").Length : 0;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{when}: database {database / 1048576.0:F1} MiB, -wal {log / 1048576.0:F1} MiB ({100.0 * log / database:F1} % of the database)"));
    }
}

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: BookData.ImportBench FILE.csv DATABASE.db|POSTGRESQL-CONNECTION-STRING");
    Console.Error.WriteLine("   or: BookData.ImportBench --counts DATABASE.db|POSTGRESQL-CONNECTION-STRING");
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

var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = postgreSql ? target : $"Data Source={target}" }.UsePostgreSqlWhenRequested());
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
