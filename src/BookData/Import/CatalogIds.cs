using Microsoft.Data.Sqlite;
using BookData.Text;

namespace BookData.Import;

/// <summary>
/// The catalog's ids, held in memory for one import: loaded once at the start (inside the import's
/// transaction, which holds the write lock), then extended as rows bring new authors, publishers and books.
/// </summary>
/// <remarks>
/// <para>
/// Names compare as the schema's <c>NOCASE</c> columns do (ASCII letters without regard to case,
/// everything else exactly), so a row is matched to an existing author, book or publisher exactly
/// when the database's unique constraints would call it the same.
/// </para>
/// <para>
/// Because the import holds the write lock, it numbers new rows itself, continuing from the largest
/// id in each table as SQLite would. That lets the ids be resolved while the file is read, apart from
/// the thread that writes to SQLite.
/// </para>
/// </remarks>
internal sealed class CatalogIds
{
    private readonly Dictionary<AuthorKey, long> authors;
    private readonly Dictionary<string, long> publishers;
    private readonly BookIdLookup books;
    private long nextAuthorId;
    private long nextPublisherId;
    private long nextBookId;

    private CatalogIds(CatalogSize size)
    {
        authors = new Dictionary<AuthorKey, long>(size.Authors);
        publishers = new Dictionary<string, long>(size.Publishers, NoCaseComparer.Instance);
        books = new BookIdLookup(size.Books);
        nextAuthorId = size.MaxAuthorId + 1;
        nextPublisherId = size.MaxPublisherId + 1;
        nextBookId = size.MaxBookId + 1;
        IsCatalogEmpty = size is { Authors: 0, Publishers: 0, Books: 0 };
    }

    /// <summary>Whether the catalog had no authors, publishers or books when the import began.</summary>
    public bool IsCatalogEmpty { get; }

    /// <summary>Reads every id in the catalog, once.</summary>
    public static CatalogIds Load(SqliteConnection connection, SqliteTransaction transaction)
    {
        var ids = new CatalogIds(ReadSize(connection, transaction));
        using var command = connection.CreateCommand();
        command.Transaction = transaction;

        command.CommandText = ImportSql.SelectAuthors;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.authors[new AuthorKey(reader.GetString(2), reader.GetString(1))] = reader.GetInt64(0);
            }
        }

        command.CommandText = ImportSql.SelectPublishers;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.publishers[reader.GetString(1)] = reader.GetInt64(0);
            }
        }

        command.CommandText = ImportSql.SelectBooks;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.books.Add(reader.GetInt64(1), reader.GetString(2), reader.GetInt64(0));
            }
        }

        return ids;
    }

    /// <summary>Finds or assigns the ids of a good row and says which of its entities are new.</summary>
    public ImportRow Resolve(ImportRow row)
    {
        var authorKey = new AuthorKey(row.LastName, row.FirstName);
        var newAuthor = !authors.TryGetValue(authorKey, out var authorId);
        if (newAuthor)
        {
            authorId = nextAuthorId++;
            authors.Add(authorKey, authorId);
        }

        var newPublisher = !publishers.TryGetValue(row.Publisher, out var publisherId);
        if (newPublisher)
        {
            publisherId = nextPublisherId++;
            publishers.Add(row.Publisher, publisherId);
        }

        var newBook = !books.TryGetValue(authorId, row.Title, out var bookId);
        if (newBook)
        {
            bookId = nextBookId++;
            books.Add(authorId, row.Title, bookId);
        }

        return row with
        {
            AuthorId = authorId,
            PublisherId = publisherId,
            BookId = bookId,
            Adds = (newAuthor ? ImportRowAdds.Author : 0) | (newPublisher ? ImportRowAdds.Publisher : 0) | (newBook ? ImportRowAdds.Book : 0),
        };
    }

    private static CatalogSize ReadSize(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ImportSql.CatalogSize;
        using var reader = command.ExecuteReader();
        reader.Read();
        return new CatalogSize(
            checked((int)reader.GetInt64(0)),
            checked((int)reader.GetInt64(1)),
            checked((int)reader.GetInt64(2)),
            reader.GetInt64(3),
            reader.GetInt64(4),
            reader.GetInt64(5));
    }

    /// <summary>The catalog's row counts and largest ids when the import began.</summary>
    private readonly record struct CatalogSize(int Authors, int Publishers, int Books, long MaxAuthorId, long MaxPublisherId, long MaxBookId);
}
