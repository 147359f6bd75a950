using System.Globalization;
using BookData.Books;
using Spectre.Console;
using SpectreText = Spectre.Console.Text;

namespace BookData.Cli.Output;

/// <summary>A page of books as a table: id, title, author.</summary>
internal static class BookTable
{
    /// <summary>Builds the table, titled with the page and the number of matching books.</summary>
    /// <param name="page">The page of books found.</param>
    /// <returns>A table ready to write to a Spectre console.</returns>
    public static Table Create(Page<BookSummary> page)
    {
        var title = string.Create(
            CultureInfo.InvariantCulture,
            $"Books: page {page.PageNumber} of {Math.Max(1, page.TotalPages)}, {page.TotalCount} {(page.TotalCount == 1 ? "book" : "books")}");
        var table = new Table()
            .Title(new TableTitle(title, new Style(decoration: Decoration.Bold)))
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

        return table;
    }
}
