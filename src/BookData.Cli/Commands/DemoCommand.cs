using System.CommandLine;
using System.Globalization;
using BookData.Books;
using BookData.Cli.Hosting;
using BookData.Cli.Output;
using BookData.Cli.Samples;
using BookData.Connections;
using BookData.Import;
using BookData.Migrations;
using BookData.Reports;

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
            Builds a fresh catalog from the bundled sample CSV, prints books and authors per publisher and the author tree, adds "The Stand" by Stephen King at Random House, and prints the tree again. Uses a new temporary database unless --db names a file that does not exist yet; BOOKDATA_DB is not used.
            Example: bookdata demo --db demo.db
            """);

        runner.SetAction(command, DatabaseUse.OpensItself, async (context, cancellationToken) =>
        {
            var path = context.HasDatabaseOption
                ? context.DatabasePath
                : Path.Combine(Path.GetTempPath(), $"bookdata-demo-{Guid.NewGuid().ToString("N")[..8]}.db");
            if (File.Exists(path) && new FileInfo(path).Length > 0)
            {
                throw new CliUsageException(
                    $"The demo builds a fresh catalog, and '{path}' already exists; delete it or pass --db with a new file.");
            }

            await RunAsync(context.Console, CommandContext.CreateConnections(path), path, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });

        return command;
    }

    private static async Task RunAsync(CliConsole console, BookDataConnectionFactory connections, string path, CancellationToken cancellationToken)
    {
        var output = console.Output;
        output.WriteLine($"BookData demo: a fresh catalog in {path}");

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
        var added = await new BookRepository(connections).AddBookAsync(
            "Stephen King", "The Stand", "Random House", cancellationToken).ConfigureAwait(false);
        output.WriteLine(AddBookCommand.Describe(added));
        output.WriteLine(Describe(await reports.GetCountsAsync(cancellationToken).ConfigureAwait(false)));
        output.WriteLine();
        console.Ansi.Write(CatalogTree.Create(await reports.GetHierarchyAsync(cancellationToken).ConfigureAwait(false)));
        output.WriteLine();

        output.WriteLine($"The catalog stays in {path}; explore it with, for example:");
        output.WriteLine($"  bookdata report books-per-author --db \"{path}\"");
    }

    private static string Describe(CatalogCounts counts) => string.Create(
        CultureInfo.InvariantCulture,
        $"The catalog holds {counts.Authors} authors, {counts.Books} books, {counts.Publishers} publishers, "
        + $"{counts.BookPublisherLinks} book–publisher links and {counts.AuthorPublisherPairs} author–publisher pairs.");
}
