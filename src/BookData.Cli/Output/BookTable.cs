using System.Globalization;
using BookData.Books;
using Spectre.Console;
using Spectre.Console.Rendering;
using SpectreText = Spectre.Console.Text;

namespace BookData.Cli.Output;

/// <summary>A page of books as a table: id, title, author.</summary>
internal static class BookTable
{
    /// <summary>
    /// Builds the page: a line with the page and the number of matching books, then the table of the page's books.
    /// No books, or a page past the last one, is the line alone, saying so (an empty table's title would wrap).
    /// </summary>
    /// <param name="page">The page of books found.</param>
    /// <returns>What to write to a Spectre console.</returns>
    public static IRenderable Create(Page<BookSummary> page)
    {
        var books = string.Create(CultureInfo.InvariantCulture, $"{page.TotalCount} {(page.TotalCount == 1 ? "book" : "books")}");
        if (page.TotalCount == 0)
        {
            return new SpectreText("No books found.\n");
        }

        if (page.Items.Count == 0)
        {
            return new SpectreText(string.Create(
                CultureInfo.InvariantCulture, $"Page {page.PageNumber} is past the last page ({page.TotalPages}) of {books}.\n"));
        }

        var table = new Table()
            .AddColumn(new TableColumn(new SpectreText("Id")).RightAligned())
            .AddColumn(new TableColumn(new SpectreText("Title")))
            .AddColumn(new TableColumn(new SpectreText("Author")));
        foreach (var book in page.Items)
        {
            // Text (not markup): catalog values are shown exactly as stored, brackets included.
            table.AddRow(
                new SpectreText(book.BookId.ToString(CultureInfo.InvariantCulture)),
                new SpectreText(book.Title),
                new SpectreText(book.AuthorName));
        }

        var heading = new SpectreText(
            string.Create(CultureInfo.InvariantCulture, $"Books: page {page.PageNumber} of {page.TotalPages}, {books}"),
            new Style(decoration: Decoration.Bold));
        return new Rows(heading, table);
    }
}
