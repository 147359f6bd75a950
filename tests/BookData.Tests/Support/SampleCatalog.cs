using BookData.Authors;
using BookData.Books;

namespace BookData.Tests.Support;

/// <summary>The reference sample CSV (TestData/author_book_publisher.csv), loaded through the repositories.</summary>
public static class SampleCatalog
{
    public static string CsvPath => Path.Combine(AppContext.BaseDirectory, "TestData", "author_book_publisher.csv");

    /// <summary>The sample's rows as (first name, last name, title, publisher).</summary>
    public static IReadOnlyList<(string FirstName, string LastName, string Title, string Publisher)> Rows()
    {
        var lines = File.ReadAllLines(CsvPath).Skip(1).Where(line => line.Length > 0);
        return lines.Select(line =>
        {
            var fields = SplitQuoted(line);
            return (fields[0], fields[1], fields[2], fields[3]);
        }).ToArray();
    }

    public static async Task LoadAsync(TestDatabase database)
    {
        var books = new BookRepository(database.Factory);
        foreach (var row in Rows())
        {
            await books.AddBookAsync(AuthorName.Create(row.FirstName, row.LastName), row.Title, row.Publisher);
        }
    }

    // The sample has quoted fields with commas but no line breaks or doubled quotes inside them.
    private static string[] SplitQuoted(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields.ToArray();
    }
}
