using System.Data.Common;
using BookData.Connections;
using BookData.Publishers;
using Dapper;

namespace BookData.Reports;

/// <summary>
/// Reads <see cref="ReportSql.Hierarchy"/>, or one page of it (<see cref="ReportSql.HierarchyPage"/>), into
/// nested records. The rows come ordered by author, book and publisher, so the reader folds them one author
/// at a time and reads each author's names and each book's title only on its first row: one string per
/// stored value, not one per row.
/// </summary>
/// <remarks>
/// The query visits authors in name order, which is not the order their books and links are stored in,
/// so it reads the book index and the links table in random page order. Once the catalog outgrows the
/// connection's page cache (SQLite's default is 2 MB, about 15,000 books), every step evicts a page a
/// later step needs again and the read grows faster than the catalog. The read therefore runs with a
/// larger cache (<see cref="CacheSizeMiB"/>), which SQLite fills only as far as the catalog needs and
/// which is given back when the read ends. On PostgreSQL, whose server sizes its own buffers, the scope
/// does nothing. A page reads only its own authors' branches and needs no larger cache.
/// </remarks>
internal static class HierarchyReader
{
    // The columns of ReportSql.Hierarchy, in order.
    private const int AuthorIdColumn = 0;
    private const int FirstNameColumn = 1;
    private const int LastNameColumn = 2;
    private const int BookIdColumn = 3;
    private const int TitleColumn = 4;
    private const int PublisherIdColumn = 5;
    private const int PublisherNameColumn = 6;

    // The column ReportSql.HierarchyPage adds after them.
    private const int TotalCountColumn = 7;

    /// <summary>The SQLite page cache for the read, in MiB: enough for a catalog of about 500,000 books.</summary>
    private const int CacheSizeMiB = 64;

    /// <summary>The whole hierarchy (<see cref="ReportSql.Hierarchy"/>), read with the larger page cache.</summary>
    public static async Task<IReadOnlyList<AuthorWithBooks>> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        using var pageCache = new PageCacheScope(connection, CacheSizeMiB);
        using var command = connection.CreateCommand();
        command.CommandText = ReportSql.Hierarchy;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var (authors, _) = await FoldAsync(reader, cancellationToken).ConfigureAwait(false);
            return authors;
        }
    }

    /// <summary>
    /// One page of authors with their books and publishers (<see cref="ReportSql.HierarchyPage"/>), in one
    /// statement that also counts the authors. It reads only the page's branches, so the default cache serves it.
    /// </summary>
    public static async Task<Page<AuthorWithBooks>> ReadPageAsync(
        DbConnection connection, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        var parameters = new { Limit = pageSize, Offset = Page<AuthorWithBooks>.Offset(pageNumber, pageSize) };
        var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition(ReportSql.HierarchyPage, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var (authors, totalCount) = await FoldAsync(reader, cancellationToken).ConfigureAwait(false);
            return new Page<AuthorWithBooks>(authors, pageNumber, pageSize, totalCount);
        }
    }

    /// <summary>
    /// Folds the ordered rows into authors, books and publishers. A row without an author (a page past the
    /// last) adds nothing; the total is read from <see cref="TotalCountColumn"/> when the result has it.
    /// </summary>
    private static async Task<(IReadOnlyList<AuthorWithBooks> Authors, long TotalCount)> FoldAsync(
        DbDataReader reader, CancellationToken cancellationToken)
    {
        var hasTotal = reader.FieldCount > TotalCountColumn;
        long totalCount = 0;
        var authors = new List<AuthorWithBooks>();
        var books = new List<BookWithPublishers>();
        var publishers = new List<Publisher>();
        long authorId = 0;
        long bookId = 0;
        string? firstName = null;
        string? lastName = null;
        string? title = null;

        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (hasTotal)
            {
                totalCount = reader.GetInt64(TotalCountColumn);
            }

            if (reader.IsDBNull(AuthorIdColumn))
            {
                continue;
            }

            var rowAuthorId = reader.GetInt64(AuthorIdColumn);
            if (firstName is null || rowAuthorId != authorId)
            {
                FlushAuthor();
                authorId = rowAuthorId;
                firstName = reader.GetString(FirstNameColumn);
                lastName = reader.GetString(LastNameColumn);
            }

            if (reader.IsDBNull(BookIdColumn))
            {
                continue;
            }

            var rowBookId = reader.GetInt64(BookIdColumn);
            if (title is null || rowBookId != bookId)
            {
                FlushBook();
                bookId = rowBookId;
                title = reader.GetString(TitleColumn);
            }

            if (!reader.IsDBNull(PublisherIdColumn))
            {
                publishers.Add(new Publisher(reader.GetInt64(PublisherIdColumn), reader.GetString(PublisherNameColumn)));
            }
        }

        FlushAuthor();
        return (authors, totalCount);

        void FlushBook()
        {
            if (title is not null)
            {
                books.Add(new BookWithPublishers(bookId, title, publishers.ToArray()));
                publishers.Clear();
                title = null;
            }
        }

        void FlushAuthor()
        {
            FlushBook();
            if (firstName is not null)
            {
                authors.Add(new AuthorWithBooks(authorId, firstName, lastName!, books.ToArray()));
                books.Clear();
                firstName = null;
            }
        }
    }
}
