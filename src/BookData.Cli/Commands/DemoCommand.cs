using System.CommandLine;
using System.Globalization;
using BookData.Authors;
using BookData.Books;
using BookData.Cli.Hosting;
using BookData.Cli.Output;
using BookData.Cli.Samples;
using BookData.Connections;
using BookData.Import;
using BookData.Migrations;
using BookData.Reports;
using Npgsql;

namespace BookData.Cli.Commands;

/// <summary>
/// <c>bookdata demo</c>: the reference tutorial end to end on a fresh database: import the bundled
/// sample CSV, print the reports and the tree, add a book, print the tree again.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="runner">Runs the action.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var command = new Command(
            "demo",
            """
            Builds a fresh catalog from the bundled sample CSV, prints books and authors per publisher and the author tree, adds "The Stand" by Stephen King at Random House, and prints the tree again. Uses a new temporary database file unless --db names a file that does not exist yet, or --connection a PostgreSQL database without a catalog (created if missing); BOOKDATA_DB and BOOKDATA_CONNECTION are not used.
            Example: bookdata demo --db demo.db
            """);

        runner.SetAction(command, DatabaseUse.OpensItself, async (context, cancellationToken) =>
        {
            var connections = context.CreateConnections(context.HasDatabaseOption
                ? context.ConnectionString
                : DatabaseLocation.ForFile(Path.Combine(Path.GetTempPath(), $"bookdata-demo-{Guid.NewGuid().ToString("N")[..8]}.db")));
            await RequireFreshAsync(connections, cancellationToken).ConfigureAwait(false);
            await RunAsync(context.Console, connections, ExploreOption(context, connections), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });

        return command;
    }

    /// <summary>Refuses a database that already holds something: a non-empty SQLite file, or a PostgreSQL database with applied migrations.</summary>
    private static async Task RequireFreshAsync(BookDataConnectionFactory connections, CancellationToken cancellationToken)
    {
        if (connections.Provider == BookDataProvider.Sqlite)
        {
            // The file SQLite opens: a trailing slash, a file: URI or a symbolic link must not hide an existing catalog.
            if (MigrationTarget.For(connections).FilePath is { } path && new FileInfo(path) is { Exists: true, Length: > 0 })
            {
                var shown = string.Equals(path, connections.DataSource, StringComparison.Ordinal) ? $"'{path}'" : $"'{connections.DataSource}' (the file '{path}')";
                throw new CliUsageException(
                    $"The demo builds a fresh catalog, and {shown} already exists; delete it or pass --db with a new file.");
            }

            return;
        }

        var status = await new BookDataMigrator(connections).GetStatusAsync(cancellationToken).ConfigureAwait(false);
        if (status.Applied.Count > 0)
        {
            throw new CliUsageException(
                $"The demo builds a fresh catalog, and the database '{connections.DataSource}' already holds one; pass --connection with a database name that does not exist yet.");
        }
    }

    /// <summary>The option that names the demo's database on a later command line: <c>--db "FILE"</c>, or <c>--connection "..."</c> without the password.</summary>
    private static string ExploreOption(CommandContext context, BookDataConnectionFactory connections)
    {
        if (connections.Provider == BookDataProvider.Sqlite)
        {
            return $"--db \"{connections.DataSource}\"";
        }

        var builder = new NpgsqlConnectionStringBuilder(context.ConnectionString);
        builder.Remove("Password");
        return $"--connection \"{ConnectionStrings.Redact(builder.ToString())}\"";
    }

    private static async Task RunAsync(CliConsole console, BookDataConnectionFactory connections, string exploreOption, CancellationToken cancellationToken)
    {
        var output = console.Output;
        output.WriteLine($"BookData demo: a fresh catalog in {connections.DataSource}");

        var migration = await new BookDataMigrator(connections).MigrateAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Created the schema: {string.Join(", ", migration.Applied)}.");

        var sample = SampleCatalog.OpenCsv();
        ImportSummary summary;
        await using (sample.ConfigureAwait(false))
        {
            summary = await new CatalogImporter(connections).ImportAsync(
                sample, new ImportOptions { SourceName = SampleCatalog.FileName }, progress: null, cancellationToken).ConfigureAwait(false);
        }

        output.WriteLine($"Imported the bundled {SampleCatalog.FileName}: {ImportCommand.Describe(summary)}");
        var reports = new CatalogReports(connections);
        output.WriteLine(Describe(await reports.GetCountsAsync(cancellationToken).ConfigureAwait(false)));
        output.WriteLine();

        console.Ansi.Write(ReportCommand.BooksPerPublisherTable(
            await reports.BooksPerPublisherAsync(SortOrder.Descending, cancellationToken).ConfigureAwait(false)));
        output.WriteLine();
        console.Ansi.Write(ReportCommand.AuthorsPerPublisherTable(
            await reports.AuthorsPerPublisherAsync(SortOrder.Descending, cancellationToken).ConfigureAwait(false)));
        output.WriteLine();
        console.Ansi.Write(CatalogTree.Create(await reports.GetHierarchyAsync(cancellationToken).ConfigureAwait(false)));
        output.WriteLine();

        output.WriteLine("Adding \"The Stand\" by Stephen King at Random House:");
        var added = await new BookRepository(connections).AddBookAsync(AuthorName.FromFullName("Stephen King"), "The Stand", "Random House", cancellationToken).ConfigureAwait(false);
        output.WriteLine(AddBookCommand.Describe(added));
        output.WriteLine(Describe(await reports.GetCountsAsync(cancellationToken).ConfigureAwait(false)));
        output.WriteLine();
        console.Ansi.Write(CatalogTree.Create(await reports.GetHierarchyAsync(cancellationToken).ConfigureAwait(false)));
        output.WriteLine();

        output.WriteLine($"The catalog stays in {connections.DataSource}; explore it with, for example:");
        output.WriteLine($"  bookdata report books-per-author {exploreOption}");
    }

    private static string Describe(CatalogCounts counts) => string.Create(
        CultureInfo.InvariantCulture,
        $"The catalog holds {counts.Authors} authors, {counts.Books} books, {counts.Publishers} publishers, "
        + $"{counts.BookPublisherLinks} book–publisher links and {counts.AuthorPublisherPairs} author–publisher pairs.");
}
