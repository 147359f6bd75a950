using BookData.Books;
using BookData.Reports;

namespace BookData.Cli.Output;

/// <summary>The JSON shapes of the reading commands. Scripts depend on them: keys and nesting never change.</summary>
internal static class CatalogJson
{
    /// <summary><c>[{"publisher":"…","totalBooks":n}]</c>.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="rows">The report's rows, in order.</param>
    public static void WriteBooksPerPublisher(TextWriter output, IReadOnlyList<PublisherBookCount> rows) =>
        WriteCounts(output, rows, "publisher", row => row.Publisher, "totalBooks", row => row.TotalBooks);

    /// <summary><c>[{"publisher":"…","totalAuthors":n}]</c>.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="rows">The report's rows, in order.</param>
    public static void WriteAuthorsPerPublisher(TextWriter output, IReadOnlyList<PublisherAuthorCount> rows) =>
        WriteCounts(output, rows, "publisher", row => row.Publisher, "totalAuthors", row => row.TotalAuthors);

    /// <summary><c>[{"author":"First Last","totalBooks":n}]</c>.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="rows">The report's rows, in order.</param>
    public static void WriteBooksPerAuthor(TextWriter output, IReadOnlyList<AuthorBookCount> rows) =>
        WriteCounts(output, rows, "author", row => row.AuthorName, "totalBooks", row => row.TotalBooks);

    /// <summary><c>[{"firstName":"…","lastName":"…","books":[{"title":"…","publishers":["…"]}]}]</c>.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="authors">The hierarchy, in order.</param>
    public static void WriteHierarchy(TextWriter output, IReadOnlyList<AuthorWithBooks> authors) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteStartArray();
            foreach (var author in authors)
            {
                json.WriteStartObject();
                json.WriteString("firstName", author.FirstName);
                json.WriteString("lastName", author.LastName);
                json.WriteStartArray("books");
                foreach (var book in author.Books)
                {
                    json.WriteStartObject();
                    json.WriteString("title", book.Title);
                    json.WriteStartArray("publishers");
                    foreach (var publisher in book.Publishers)
                    {
                        json.WriteStringValue(publisher.Name);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });

    /// <summary>
    /// <c>{"items":[{"id":n,"title":"…","author":"First Last"}],"page":n,"pageSize":n,"totalCount":n,"totalPages":n}</c>:
    /// the shape of the web app's <c>GET /api/books</c>.
    /// </summary>
    /// <param name="output">Standard output.</param>
    /// <param name="page">The page of books found.</param>
    public static void WriteBookPage(TextWriter output, Page<BookSummary> page) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("items");
            foreach (var book in page.Items)
            {
                json.WriteStartObject();
                json.WriteNumber("id", book.BookId);
                json.WriteString("title", book.Title);
                json.WriteString("author", book.AuthorName);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("page", page.PageNumber);
            json.WriteNumber("pageSize", page.PageSize);
            json.WriteNumber("totalCount", page.TotalCount);
            json.WriteNumber("totalPages", page.TotalPages);
            json.WriteEndObject();
        });

    /// <summary>Writes <c>[{"NAME":"…","COUNT":n}]</c>, one object per report row.</summary>
    private static void WriteCounts<T>(
        TextWriter output,
        IReadOnlyList<T> rows,
        string nameKey,
        Func<T, string> name,
        string countKey,
        Func<T, long> count) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString(nameKey, name(row));
                json.WriteNumber(countKey, count(row));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
}
