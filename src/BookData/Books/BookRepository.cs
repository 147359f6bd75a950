using BookData.Authors;
using BookData.Connections;
using BookData.Publishers;
using BookData.Text;
using Dapper;
using System.Data.Common;

namespace BookData.Books;

/// <summary>Reads and writes books and their links to publishers, including the reference tutorial's add-a-book operation.</summary>
/// <remarks>
/// Titles and names are normalized (<see cref="CatalogText.Normalize"/>) before they are stored or compared,
/// and compared case-insensitively (ASCII letters on SQLite, all letters on PostgreSQL). Every write runs in
/// one transaction; on SQLite it takes the write lock up front. SQLite does its I/O synchronously: the async methods complete on the calling
/// thread and take a <see cref="CancellationToken"/> so callers can stop early.
/// </remarks>
public sealed class BookRepository
{
    private readonly BookDataConnectionFactory connectionFactory;
    private readonly string findAuthorByName;
    private readonly string findPublisherByName;
    private readonly string findByAuthorAndTitle;

    /// <summary>Creates the repository.</summary>
    /// <param name="connectionFactory">Opens connections to the catalog.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionFactory"/> is <see langword="null"/>.</exception>
    public BookRepository(BookDataConnectionFactory connectionFactory)
    {
        ArgumentNullException.ThrowIfNull(connectionFactory);
        this.connectionFactory = connectionFactory;
        findAuthorByName = connectionFactory.CatalogProvider.Statements.FindAuthorByName;
        findPublisherByName = connectionFactory.CatalogProvider.Statements.FindPublisherByName;
        findByAuthorAndTitle = connectionFactory.CatalogProvider.Statements.FindBookByAuthorAndTitle;
    }

    /// <summary>Gets a book by id.</summary>
    /// <param name="bookId">The book's id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The book, or <see langword="null"/> when there is none with that id.</returns>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<Book?> GetByIdAsync(long bookId, CancellationToken cancellationToken = default) =>
        connectionFactory.ReadAsync(
            "book.get_by_id",
            connection => connection.QuerySingleOrDefaultAsync<Book?>(
                new CommandDefinition(BookSql.GetById, new { BookId = bookId }, cancellationToken: cancellationToken)),
            cancellationToken);

    /// <summary>Finds an author's book by title (normalized, case-insensitive).</summary>
    /// <param name="authorId">The author's id.</param>
    /// <param name="title">The title.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The book, or <see langword="null"/> when the author has no book with that title.</returns>
    /// <exception cref="BookDataValidationException">The title is null, empty or too long.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<Book?> FindByTitleAsync(long authorId, string title, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizeTitle(title);
        return connectionFactory.ReadAsync(
            "book.find_by_title",
            connection => connection.QuerySingleOrDefaultAsync<Book?>(
                new CommandDefinition(
                    findByAuthorAndTitle,
                    new { AuthorId = authorId, Title = normalized },
                    cancellationToken: cancellationToken)),
            cancellationToken);
    }

    /// <summary>Lists an author's books ordered by title.</summary>
    /// <param name="authorId">The author's id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The author's books; empty when the author has none or does not exist.</returns>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<IReadOnlyList<Book>> ListByAuthorAsync(long authorId, CancellationToken cancellationToken = default) =>
        connectionFactory.ReadAsync<IReadOnlyList<Book>>(
            "book.list_by_author",
            async connection => (await connection.QueryAsync<Book>(
                new CommandDefinition(BookSql.ListByAuthor, new { AuthorId = authorId }, cancellationToken: cancellationToken))
                .ConfigureAwait(false)).AsList(),
            cancellationToken);

    /// <summary>Lists the publishers of a book ordered by name.</summary>
    /// <param name="bookId">The book's id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The book's publishers; empty when it has none or does not exist.</returns>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<IReadOnlyList<Publisher>> ListPublishersAsync(long bookId, CancellationToken cancellationToken = default) =>
        connectionFactory.ReadAsync<IReadOnlyList<Publisher>>(
            "book.list_publishers",
            async connection => (await connection.QueryAsync<Publisher>(
                new CommandDefinition(BookSql.PublishersOfBook, new { BookId = bookId }, cancellationToken: cancellationToken))
                .ConfigureAwait(false)).AsList(),
            cancellationToken);

    /// <summary>
    /// Searches books whose title contains <paramref name="text"/> (case-insensitive for ASCII letters),
    /// ordered by title, then author. <c>%</c>, <c>_</c> and <c>\</c> in the text match themselves.
    /// </summary>
    /// <remarks>
    /// A text of three or more characters (Unicode code points) is looked up in the title search index that
    /// migration 0002 adds (trigrams: FTS5 on SQLite, pg_trgm on PostgreSQL); a shorter one reads every title.
    /// Both give the same books, order and count. A text that no title can hold (one with a NUL character, or longer
    /// than <see cref="CatalogText.MaxTitleLength"/> characters) matches no book.
    /// </remarks>
    /// <param name="text">The text to look for; white space is normalized; empty matches every book.</param>
    /// <param name="pageNumber">The page, starting at 1. Default: 1.</param>
    /// <param name="pageSize">Books per page, 1 to <see cref="Page{T}.MaxPageSize"/>. Default: 50.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page of matching books with their authors, and the total number of matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="text"/> is not valid Unicode (a lone surrogate).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The page or page size is out of range.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<Page<BookSummary>> SearchByTitleAsync(
        string text,
        int pageNumber = 1,
        int pageSize = 50,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        Page<BookSummary>.Validate(pageNumber, pageSize);
        var normalized = CatalogText.NormalizeArgument(text, nameof(text));
        var provider = connectionFactory.CatalogProvider;
        return connectionFactory.ReadAsync(
            "book.search_by_title",
            connection => TitleSearch.ReadPageAsync(connection, provider, normalized, pageNumber, pageSize, cancellationToken),
            cancellationToken);
    }

    /// <summary>Counts the books.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The number of books.</returns>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        connectionFactory.ReadAsync(
            "book.count",
            connection => connection.ExecuteScalarAsync<long>(new CommandDefinition(BookSql.Count, cancellationToken: cancellationToken)),
            cancellationToken);

    /// <summary>Adds a book to an existing author.</summary>
    /// <param name="authorId">The author's id.</param>
    /// <param name="title">The title.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write is rolled back.</param>
    /// <returns>The stored book with its new id and normalized title.</returns>
    /// <exception cref="BookDataValidationException">The title is null, empty or too long.</exception>
    /// <exception cref="BookDataNotFoundException">There is no author with that id.</exception>
    /// <exception cref="BookDataDuplicateException">The author already has a book with that title.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be written.</exception>
    public Task<Book> AddAsync(long authorId, string title, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizeTitle(title);
        return connectionFactory.WriteAsync(
            "book.add",
            (connection, transaction) => connection.QuerySingleAsync<Book>(
                new CommandDefinition(BookSql.Insert, new { AuthorId = authorId, Title = normalized }, transaction, cancellationToken: cancellationToken)),
            ex => TitleConflict(ex, authorId, normalized),
            cancellationToken);
    }

    /// <summary>Changes a book's title.</summary>
    /// <param name="bookId">The book's id.</param>
    /// <param name="title">The new title.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write is rolled back.</param>
    /// <returns>The renamed book.</returns>
    /// <exception cref="BookDataValidationException">The title is null, empty or too long.</exception>
    /// <exception cref="BookDataNotFoundException">There is no book with that id.</exception>
    /// <exception cref="BookDataDuplicateException">The author already has another book with that title.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be written.</exception>
    public Task<Book> RenameAsync(long bookId, string title, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizeTitle(title);
        return connectionFactory.UpdateExistingAsync<Book>(
            "book.rename",
            BookSql.Rename,
            new { BookId = bookId, Title = normalized },
            $"Book {bookId} does not exist.",
            ex => connectionFactory.CatalogProvider.IsUniqueViolation(ex)
                ? new BookDataDuplicateException($"The author of book {bookId} already has a book titled '{normalized}'.", ex)
                : null,
            cancellationToken);
    }

    /// <summary>Deletes a book together with its links to publishers.</summary>
    /// <param name="bookId">The book's id.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write is rolled back.</param>
    /// <returns><see langword="true"/> when the book was deleted, <see langword="false"/> when there was none with that id.</returns>
    /// <exception cref="BookDataDatabaseException">The database cannot be written.</exception>
    public Task<bool> DeleteAsync(long bookId, CancellationToken cancellationToken = default) =>
        connectionFactory.WriteAsync(
            "book.delete",
            async (connection, transaction) => await connection.ExecuteAsync(
                new CommandDefinition(BookSql.Delete, new { BookId = bookId }, transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false) > 0,
            translate: null,
            cancellationToken);

    /// <summary>Links a book to a publisher.</summary>
    /// <param name="bookId">The book's id.</param>
    /// <param name="publisherId">The publisher's id.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write is rolled back.</param>
    /// <returns><see langword="true"/> when the link was added, <see langword="false"/> when it already existed.</returns>
    /// <exception cref="BookDataNotFoundException">The book or the publisher does not exist.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be written.</exception>
    public Task<bool> LinkPublisherAsync(long bookId, long publisherId, CancellationToken cancellationToken = default) =>
        connectionFactory.WriteAsync(
            "book.link_publisher",
            async (connection, transaction) => await connection.ExecuteAsync(
                new CommandDefinition(BookSql.Link, new { BookId = bookId, PublisherId = publisherId }, transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false) > 0,
            ex => connectionFactory.CatalogProvider.IsForeignKeyViolation(ex)
                ? new BookDataNotFoundException($"Book {bookId} or publisher {publisherId} does not exist.")
                : null,
            cancellationToken);

    /// <summary>Removes the link between a book and a publisher.</summary>
    /// <param name="bookId">The book's id.</param>
    /// <param name="publisherId">The publisher's id.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write is rolled back.</param>
    /// <returns><see langword="true"/> when the link was removed, <see langword="false"/> when there was none.</returns>
    /// <exception cref="BookDataDatabaseException">The database cannot be written.</exception>
    public Task<bool> UnlinkPublisherAsync(long bookId, long publisherId, CancellationToken cancellationToken = default) =>
        connectionFactory.WriteAsync(
            "book.unlink_publisher",
            async (connection, transaction) => await connection.ExecuteAsync(
                new CommandDefinition(BookSql.Unlink, new { BookId = bookId, PublisherId = publisherId }, transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false) > 0,
            translate: null,
            cancellationToken);

    /// <summary>
    /// The reference tutorial's add-a-book: given an author, a title and a publisher name, creates the author
    /// and publisher if missing, creates the book or links the publisher to the existing book, or does nothing
    /// when all of it exists — in one transaction. Concurrent calls for the same names never create duplicates
    /// and never fail because of each other: each row is inserted only if missing, and read back when a
    /// concurrent writer added it first.
    /// </summary>
    /// <remarks>
    /// An exact name (<see cref="AuthorName.Create"/>) finds or creates exactly that author. A full name
    /// (<see cref="AuthorName.FromFullName"/>) first matches any existing author whose first and last name,
    /// joined by a space, equal it, compared as the catalog's unique index on author names compares (ASCII
    /// letters case-insensitively on SQLite, citext on PostgreSQL): "John Le Carre" finds John / Le Carre.
    /// Only a name that matches no author is split for a new one, its last word becoming the last name. A name
    /// that matches several authors (A / B C and A B / C for "A B C") is refused, listing them, and nothing is
    /// written. The match runs inside the write transaction.
    /// </remarks>
    /// <param name="author">The author, by exact first and last name or by full name.</param>
    /// <param name="title">The book's title.</param>
    /// <param name="publisherName">The publisher's name.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write is rolled back.</param>
    /// <returns>What happened, with the stored author, book and publisher.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="author"/> is <see langword="null"/>.</exception>
    /// <exception cref="BookDataValidationException">A value is null, empty, too long or holds a refused character; the exception names the field.</exception>
    /// <exception cref="BookDataAmbiguousAuthorException">The full name matches more than one author; nothing was written.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be written.</exception>
    public Task<AddBookResult> AddBookAsync(
        AuthorName author,
        string title,
        string publisherName,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(author);
        var normalizedTitle = NormalizeTitle(title);
        var publisherParameters = new { Name = CatalogText.Required(publisherName, "publisher name", CatalogText.MaxPublisherNameLength) };

        return connectionFactory.WriteAsync(
            "book.add_book",
            async (connection, transaction) =>
            {
                CommandDefinition Command(string sql, object parameters) =>
                    new(sql, parameters, transaction, cancellationToken: cancellationToken);

                // Each row: find it; else insert it unless it exists by now; else it was added concurrently, so read it.
                async Task<(T Row, bool Created)> FindOrAddAsync<T>(string find, string insertIfMissing, object parameters, bool mayExist)
                    where T : class
                {
                    var existing = mayExist ? await connection.QuerySingleOrDefaultAsync<T?>(Command(find, parameters)).ConfigureAwait(false) : null;
                    if (existing is not null)
                    {
                        return (existing, false);
                    }

                    var added = await connection.QuerySingleOrDefaultAsync<T?>(Command(insertIfMissing, parameters)).ConfigureAwait(false);
                    return added is not null
                        ? (added, true)
                        : (await connection.QuerySingleAsync<T>(Command(find, parameters)).ConfigureAwait(false), false);
                }

                // A full name: every author it can be read as, each found through the unique index on names.
                Author? match = null;
                if (author.IsFullName)
                {
                    var matches = new List<Author>();
                    foreach (var reading in author.Readings())
                    {
                        var found = await connection.QuerySingleOrDefaultAsync<Author?>(
                            Command(findAuthorByName, new { reading.FirstName, reading.LastName })).ConfigureAwait(false);
                        if (found is not null)
                        {
                            matches.Add(found);
                        }
                    }

                    if (matches.Count > 1)
                    {
                        throw new BookDataAmbiguousAuthorException(author.FullName, matches);
                    }

                    match = matches.Count == 1 ? matches[0] : null;
                }

                var (storedAuthor, authorCreated) = match is not null
                    ? (match, false)
                    : await FindOrAddAsync<Author>(
                        findAuthorByName,
                        AuthorSql.InsertIfMissing,
                        NewAuthor(author),
                        mayExist: !author.IsFullName).ConfigureAwait(false);
                var (storedPublisher, publisherCreated) = await FindOrAddAsync<Publisher>(
                    findPublisherByName, PublisherSql.InsertIfMissing, publisherParameters, mayExist: true).ConfigureAwait(false);

                // A new author has no books yet.
                var (storedBook, bookCreated) = await FindOrAddAsync<Book>(
                    findByAuthorAndTitle,
                    BookSql.InsertIfMissing,
                    new { storedAuthor.AuthorId, Title = normalizedTitle },
                    mayExist: !authorCreated).ConfigureAwait(false);

                var linked = await connection.ExecuteAsync(
                    Command(BookSql.Link, new { storedBook.BookId, storedPublisher.PublisherId })).ConfigureAwait(false) > 0;

                var outcome = bookCreated ? AddBookOutcome.BookCreated
                    : linked ? AddBookOutcome.PublisherLinked
                    : AddBookOutcome.AlreadyPresent;
                return new AddBookResult(outcome, storedAuthor, storedBook, storedPublisher, authorCreated, publisherCreated);
            },
            translate: null,
            cancellationToken);
    }

    /// <summary>
    /// The first and last name a new author gets: an exact name as given; a full name split at its last space,
    /// each part checked against the limits only now, since a full name may match an author whatever its split.
    /// </summary>
    private static object NewAuthor(AuthorName author)
    {
        var name = author.IsFullName ? AuthorName.Create(author.FirstName, author.LastName) : author;
        return new { name.FirstName, name.LastName };
    }

    private static string NormalizeTitle(string title) =>
        CatalogText.Required(title, "title", CatalogText.MaxTitleLength);

    private BookDataException? TitleConflict(DbException ex, long authorId, string title) =>
        connectionFactory.CatalogProvider.IsUniqueViolation(ex) ? new BookDataDuplicateException($"Author {authorId} already has a book titled '{title}'.", ex)
        : connectionFactory.CatalogProvider.IsForeignKeyViolation(ex) ? new BookDataNotFoundException($"Author {authorId} does not exist.")
        : null;
}
