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
            Description = "fail: the first bad row stops the import (exit code 2) and nothing is written. skip: bad rows are left out and listed with their line, the good ones imported.",
            DefaultValueFactory = _ => "fail",
        };
        onError.AcceptOnlyFromAmong("fail", "skip");
        var command = new Command(
            "import",
            """
            Imports a CSV file into the catalog in one transaction; importing the same file again changes nothing.
            A row is bad when a value is missing, too long (100 characters for names, 200 for publishers, 500 for titles)
            or holds a control or invisible character (zero-width space, bidirectional control, byte order mark inside a field).
            A value longer than 8,192 bytes (more than any column accepts) is bad input and is not read into memory.
            With --on-error skip, a bad row that runs on over several lines (a quote never closed) is left out
            from its first line only: the lines after it are read again, so the good rows on them are imported.
            Two files joined: the header repeated as it was is a bad row; a header in another column order or with
            other columns stops the import (exit code 2) even with --on-error skip, and nothing is written.
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
                context.Console.Error.WriteLine($"skipped: {path}, {DescribeSkipped(skipped)}.");
            }

            context.Console.Output.WriteLine($"Imported {path}: {Describe(summary)}");
            return ExitCodes.Success;
        });

        return command;
    }

    /// <summary>Says what an import read and added, in one sentence.</summary>
    /// <param name="summary">The import's summary.</param>
    /// <returns>For example "13 lines, 12 rows read; added 7 authors, 10 books, 4 publishers, 12 book–publisher links."</returns>
    public static string Describe(ImportSummary summary)
    {
        var skipped = summary.SkippedRows.Count == 0 ? "" : $", {Count(summary.SkippedRows.Count, "row")} skipped";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Count(summary.LinesRead, "line")}, {Count(summary.RowsRead, "row")} read{skipped}; added {Count(summary.AuthorsAdded, "author")}, "
            + $"{Count(summary.BooksAdded, "book")}, {Count(summary.PublishersAdded, "publisher")}, "
            + $"{Count(summary.LinksAdded, "book–publisher link")}.");
    }

    /// <summary>Says where a skipped row is and why it was left out, for "skipped: FILE, ...".</summary>
    /// <param name="skipped">The skipped row.</param>
    /// <returns>For example "line 3 (title): the title is required and cannot be empty or white space".</returns>
    private static string DescribeSkipped(SkippedRow skipped)
    {
        var field = skipped.Field is null ? "" : $" ({skipped.Field})";
        var again = skipped.LastLineNumber == skipped.LineNumber + 1
            ? string.Create(CultureInfo.InvariantCulture, $"line {skipped.LastLineNumber} was")
            : string.Create(CultureInfo.InvariantCulture, $"lines {skipped.LineNumber + 1}–{skipped.LastLineNumber} were");
        var ranOn = skipped.LastLineNumber > skipped.LineNumber
            ? string.Create(CultureInfo.InvariantCulture, $"; its record ran on to line {skipped.LastLineNumber}, and {again} read again as rows of their own")
            : "";
        return string.Create(CultureInfo.InvariantCulture, $"line {skipped.LineNumber}{field}: {skipped.Reason}{ranOn}");
    }

    private static string Count(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? "" : "s")}");
}
