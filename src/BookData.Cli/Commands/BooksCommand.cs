using System.CommandLine;
using System.Globalization;
using BookData.Books;
using BookData.Cli.Hosting;
using BookData.Cli.Output;

namespace BookData.Cli.Commands;

/// <summary><c>bookdata books [--search TEXT] [--page N] [--page-size N] [--json]</c>: books by title, a page at a time.</summary>
internal static class BooksCommand
{
    /// <summary>The page size when none is given: 20, as the web app's <c>GET /api/books</c>.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>Creates the command.</summary>
    /// <param name="runner">Runs the action.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var search = new Option<string?>("--search")
        {
            Description = "Only books whose title contains TEXT: case-insensitive for ASCII letters; %, _ and \\ match themselves. "
                + "Three or more characters are looked up in the title search index, shorter texts read every title.",
            HelpName = "TEXT",
        };
        var page = new Option<int>("--page")
        {
            Description = "The page to print, from 1.",
            HelpName = "N",
            DefaultValueFactory = _ => 1,
        };
        var pageSize = new Option<int>("--page-size")
        {
            Description = $"Books per page, 1 to {Page<BookSummary>.MaxPageSize}.",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultPageSize,
        };
        var json = CliOptions.CreateJson();
        var command = new Command(
            "books",
            """
            Prints the books whose title contains the search text (every book without one), by title then author, one page at a time, with the number of matching books.
            Example: bookdata books --search "river" --page 2 --json
            """)
        {
            search,
            page,
            pageSize,
            json,
        };

        runner.SetAction(command, DatabaseUse.MigrateFirst, async (context, cancellationToken) =>
        {
            var pageNumber = context.ParseResult.GetValue(page);
            var size = context.ParseResult.GetValue(pageSize);
            if (pageNumber < 1)
            {
                throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"--page {pageNumber} is not valid; pages are numbered from 1."));
            }

            if (size < 1 || size > Page<BookSummary>.MaxPageSize)
            {
                throw new CliUsageException(string.Create(
                    CultureInfo.InvariantCulture, $"--page-size {size} is not valid; it must be between 1 and {Page<BookSummary>.MaxPageSize}."));
            }

            var found = await new BookRepository(context.Connections)
                .SearchByTitleAsync(context.ParseResult.GetValue(search) ?? "", pageNumber, size, cancellationToken).ConfigureAwait(false);
            if (context.ParseResult.GetValue(json))
            {
                CatalogJson.WriteBookPage(context.Console.Output, found);
            }
            else
            {
                context.Console.Ansi.Write(BookTable.Create(found));
            }

            return ExitCodes.Success;
        });

        return command;
    }
}
