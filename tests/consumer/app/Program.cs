// A consumer of the BookData package. Two modes:
//   Consumer run DATABASE     generic host with AddBookData (migrations at startup, health check),
//                             adds a book through the repository, prints what it saw, stops.
//   Consumer verify DATABASE  opens the file with plain Microsoft.Data.Sqlite (no BookData code) and
//                             prints what it holds, so the test checks the database independently.
using BookData.Authors;
using BookData.Books;
using BookData.Migrations;
using BookData.Reports;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

if (args.Length != 2 || args[0] is not ("run" or "verify"))
{
    Console.Error.WriteLine("usage: Consumer run|verify DATABASE");
    return 1;
}

return args[0] == "run" ? await RunAsync(args[1]) : Verify(args[1]);

static async Task<int> RunAsync(string path)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Services
        .AddBookData(options =>
        {
            options.ConnectionString = $"Data Source={path}";
            options.MigrateOnStartup = true;
        })
        .AddHealthCheck();

    using var host = builder.Build();
    await host.StartAsync();

    var status = await host.Services.GetRequiredService<BookDataMigrator>().GetStatusAsync();
    Console.WriteLine($"status: {status.Applied.Count} applied, {status.Pending.Count} pending");

    var books = host.Services.GetRequiredService<BookRepository>();
    var first = await books.AddBookAsync(AuthorName.FromFullName("Stephen King"), "The Stand", "Random House");
    var second = await books.AddBookAsync(AuthorName.FromFullName("Stephen King"), "The Stand", "Random House");
    Console.WriteLine($"add-book: {first.Outcome}, then {second.Outcome}");

    var counts = await host.Services.GetRequiredService<CatalogReports>().GetCountsAsync();
    Console.WriteLine($"counts: {counts.Authors} authors, {counts.Books} books, {counts.Publishers} publishers, {counts.BookPublisherLinks} links");

    var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    Console.WriteLine($"health: {health.Status}");

    await host.StopAsync();
    return 0;
}

static int Verify(string path)
{
    using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
    connection.Open();

    string Scalar(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    Console.WriteLine($"integrity: {Scalar("PRAGMA integrity_check;")}");
    Console.WriteLine($"journal_mode: {Scalar("PRAGMA journal_mode;")}");
    Console.WriteLine($"scripts: {Scalar("SELECT group_concat(script_name, ',') FROM (SELECT script_name FROM schema_version ORDER BY script_name);")}");
    Console.WriteLine($"rows: {Scalar("SELECT (SELECT count(*) FROM author) || ' authors, ' || (SELECT count(*) FROM book) || ' books, ' || (SELECT count(*) FROM publisher) || ' publishers, ' || (SELECT count(*) FROM book_publisher) || ' links';")}");
    Console.WriteLine($"book: {Scalar("SELECT a.first_name || ' ' || a.last_name || ' / ' || b.title || ' / ' || p.name FROM book b JOIN author a ON a.author_id = b.author_id JOIN book_publisher bp ON bp.book_id = b.book_id JOIN publisher p ON p.publisher_id = bp.publisher_id;")}");
    return 0;
}
