using System.CommandLine;
using System.Globalization;
using BookData.Cli.Hosting;
using BookData.Cli.Output;
using BookData.Import;

namespace BookData.Cli.Commands;

/// <summary><c>bookdata import FILE [--on-error fail|skip]</c>: a CSV file into the catalog.</summary>
internal static class ImportCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="runner">Runs the action.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<string>("file") { Description = "The CSV file: a header first_name,last_name,title,publisher, then one row per book and publisher." };
        var onError = new Option<string>("--on-error")
        {
            Description = "fail: the first bad row stops the import and nothing is written. skip: bad rows are left out and listed, the good ones imported.",
            DefaultValueFactory = _ => "fail",
        };
        onError.AcceptOnlyFromAmong("fail", "skip");
        var command = new Command(
            "import",
            """
            Imports a CSV file into the catalog in one transaction; importing the same file again changes nothing.
            A row is bad when a value is missing, too long (100 characters for names, 200 for publishers, 500 for titles)
            or holds a control or invisible character (zero-width space, bidirectional control, byte order mark inside a field).
            Example: bookdata import author_book_publisher.csv --on-error skip
            """)
        {
            file,
            onError,
        };

        runner.SetAction(command, DatabaseUse.MigrateFirst, async (context, cancellationToken) =>
        {
            var path = context.ParseResult.GetRequiredValue(file);
            var options = new ImportOptions
            {
                OnError = context.ParseResult.GetValue(onError) == "skip" ? ImportErrorMode.Skip : ImportErrorMode.Fail,
            };
            var importer = new CatalogImporter(context.Connections);
            var summary = await ImportProgressBar.RunAsync(
                context.Console.Ansi,
                context.Console.IsTerminal,
                progress => importer.ImportAsync(path, options, progress, cancellationToken)).ConfigureAwait(false);

            foreach (var skipped in summary.SkippedRows)
            {
                var field = skipped.Field is null ? "" : $" ({skipped.Field})";
                context.Console.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture, $"skipped: {path}, line {skipped.LineNumber}{field}: {skipped.Reason}."));
            }

            context.Console.Output.WriteLine($"Imported {path}: {Describe(summary)}");
            return ExitCodes.Success;
        });

        return command;
    }

    /// <summary>Says what an import read and added, in one sentence.</summary>
    /// <param name="summary">The import's summary.</param>
    /// <returns>For example "12 rows read; added 7 authors, 10 books, 4 publishers, 12 book–publisher links."</returns>
    public static string Describe(ImportSummary summary)
    {
        var skipped = summary.SkippedRows.Count == 0 ? "" : $", {Count(summary.SkippedRows.Count, "row")} skipped";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Count(summary.RowsRead, "row")} read{skipped}; added {Count(summary.AuthorsAdded, "author")}, "
            + $"{Count(summary.BooksAdded, "book")}, {Count(summary.PublishersAdded, "publisher")}, "
            + $"{Count(summary.LinksAdded, "book–publisher link")}.");
    }

    private static string Count(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? "" : "s")}");
}
