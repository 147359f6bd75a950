using BookData.Reports;
using Spectre.Console;
using SpectreText = Spectre.Console.Text;

namespace BookData.Cli.Output;

/// <summary>The author → book → publisher hierarchy as a Spectre.Console tree.</summary>
internal static class CatalogTree
{
    /// <summary>Builds the tree in the hierarchy's order (authors by last then first name, books by title, publishers by name).</summary>
    /// <param name="authors">The hierarchy.</param>
    /// <returns>A tree ready to write to a Spectre console.</returns>
    public static Tree Create(IReadOnlyList<AuthorWithBooks> authors)
    {
        var tree = new Tree(new SpectreText("Authors", new Style(decoration: Decoration.Bold)));
        foreach (var author in authors)
        {
            var authorNode = tree.AddNode(new SpectreText(author.FullName, new Style(Color.Aqua)));
            foreach (var book in author.Books)
            {
                var bookNode = authorNode.AddNode(new SpectreText(book.Title, new Style(decoration: Decoration.Italic)));
                foreach (var publisher in book.Publishers)
                {
                    bookNode.AddNode(new SpectreText(publisher.Name, new Style(Color.Grey)));
                }
            }
        }

        return tree;
    }
}
