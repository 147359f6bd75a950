using System.CommandLine;
using BookData.Cli.Hosting;
using BookData.Cli.Output;
using BookData.Reports;

namespace BookData.Cli.Commands;

/// <summary><c>bookdata report books-per-publisher|authors-per-publisher|books-per-author [--order asc|desc] [--json]</c>.</summary>
internal static class ReportCommand
{
    /// <summary>Books per publisher.</summary>
    public const string BooksPerPublisher = "books-per-publisher";

    /// <summary>Distinct authors per publisher.</summary>
    public const string AuthorsPerPublisher = "authors-per-publisher";

    /// <summary>Books per author.</summary>
    public const string BooksPerAuthor = "books-per-author";

    /// <summary>Creates the command.</summary>
    /// <param name="runner">Runs the action.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var report = new Argument<string>("report")
        {
            Description = $"Which report: {BooksPerPublisher}, {AuthorsPerPublisher} or {BooksPerAuthor}.",
            HelpName = "report",
        };
        report.AcceptOnlyFromAmong(BooksPerPublisher, AuthorsPerPublisher, BooksPerAuthor);

        var order = new Option<string>("--order")
        {
            Description = "Sort the counts ascending or descending; ties go by name.",
            DefaultValueFactory = _ => "desc",
        };
        order.AcceptOnlyFromAmong("asc", "desc");

        var json = CliOptions.CreateJson();
        var command = new Command(
            "report",
            """
            Prints one of the catalog reports: books per publisher, distinct authors per publisher, or books per author. An empty catalog is not an error: it says so, where it is and how to fill it (exit code 0; with --json, []).
            Example: bookdata report authors-per-publisher --order asc
            """)
        {
            report,
            order,
            json,
        };

        runner.SetAction(command, DatabaseUse.MigrateFirst, async (context, cancellationToken) =>
        {
            var reports = new CatalogReports(context.Connections);
            var sortOrder = context.ParseResult.GetValue(order) == "asc" ? SortOrder.Ascending : SortOrder.Descending;
            var asJson = context.ParseResult.GetValue(json);
            var console = context.Console;
            switch (context.ParseResult.GetRequiredValue(report))
            {
                case BooksPerPublisher:
                    var books = await reports.BooksPerPublisherAsync(sortOrder, cancellationToken).ConfigureAwait(false);
                    if (asJson)
                    {
                        CatalogJson.WriteBooksPerPublisher(console.Output, books);
                    }
                    else if (!await IsEmptyAsync(reports, books.Count, context, cancellationToken).ConfigureAwait(false))
                    {
                        console.Ansi.Write(BooksPerPublisherTable(books));
                    }

                    break;

                case AuthorsPerPublisher:
                    var authors = await reports.AuthorsPerPublisherAsync(sortOrder, cancellationToken).ConfigureAwait(false);
                    if (asJson)
                    {
                        CatalogJson.WriteAuthorsPerPublisher(console.Output, authors);
                    }
                    else if (!await IsEmptyAsync(reports, authors.Count, context, cancellationToken).ConfigureAwait(false))
                    {
                        console.Ansi.Write(AuthorsPerPublisherTable(authors));
                    }

                    break;

                default:
                    var perAuthor = await reports.BooksPerAuthorAsync(sortOrder, cancellationToken).ConfigureAwait(false);
                    if (asJson)
                    {
                        CatalogJson.WriteBooksPerAuthor(console.Output, perAuthor);
                    }
                    else if (!await IsEmptyAsync(reports, perAuthor.Count, context, cancellationToken).ConfigureAwait(false))
                    {
                        console.Ansi.Write(ReportTable.Create(
                            "Books per author", "Author", "Books", perAuthor.Select(row => (row.AuthorName, row.TotalBooks))));
                    }

                    break;
            }

            return ExitCodes.Success;
        });

        return command;
    }

    /// <summary>
    /// When a report has no rows and the catalog holds nothing at all, says so (where it is and how to fill it)
    /// and returns <see langword="true"/>; a report with rows, or one that is empty in a catalog holding
    /// something (books without publishers), is printed as a table.
    /// </summary>
    private static async Task<bool> IsEmptyAsync(CatalogReports reports, int rows, CommandContext context, CancellationToken cancellationToken)
    {
        if (rows > 0)
        {
            return false;
        }

        var counts = await reports.GetCountsAsync(cancellationToken).ConfigureAwait(false);
        if (counts.Authors + counts.Books + counts.Publishers > 0)
        {
            return false;
        }

        context.Console.Output.WriteLine(EmptyCatalog.Message(context.Connections.DataSource));
        return true;
    }

    /// <summary>The books-per-publisher table.</summary>
    /// <param name="rows">The report's rows.</param>
    /// <returns>The table.</returns>
    public static Spectre.Console.Table BooksPerPublisherTable(IReadOnlyList<PublisherBookCount> rows) =>
        ReportTable.Create("Books per publisher", "Publisher", "Books", rows.Select(row => (row.Publisher, row.TotalBooks)));

    /// <summary>The authors-per-publisher table.</summary>
    /// <param name="rows">The report's rows.</param>
    /// <returns>The table.</returns>
    public static Spectre.Console.Table AuthorsPerPublisherTable(IReadOnlyList<PublisherAuthorCount> rows) =>
        ReportTable.Create("Authors per publisher", "Publisher", "Authors", rows.Select(row => (row.Publisher, row.TotalAuthors)));
}
