using BookData.Connections;
using BookData.Publishers;
using Dapper;

namespace BookData.Reports;

/// <summary>
/// The reference tutorial's reports over the whole catalog, with deterministic ordering: the count in the
/// requested direction, ties broken by name ascending.
/// </summary>
/// <remarks>
/// SQLite does its I/O synchronously: the async methods complete on the calling thread and take a
/// <see cref="CancellationToken"/> so callers can stop early.
/// </remarks>
public sealed class CatalogReports
{
    private readonly BookDataConnectionFactory connectionFactory;

    /// <summary>Creates the reports.</summary>
    /// <param name="connectionFactory">Opens connections to the catalog.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionFactory"/> is <see langword="null"/>.</exception>
    public CatalogReports(BookDataConnectionFactory connectionFactory)
    {
        ArgumentNullException.ThrowIfNull(connectionFactory);
        this.connectionFactory = connectionFactory;
    }

    /// <summary>Books per publisher, including publishers with none.</summary>
    /// <param name="order">The direction of the count. Default: <see cref="SortOrder.Descending"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One row per publisher.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is not a defined value.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<IReadOnlyList<PublisherBookCount>> BooksPerPublisherAsync(
        SortOrder order = SortOrder.Descending,
        CancellationToken cancellationToken = default) =>
        QueryAsync<PublisherBookCount>(
            "report.books_per_publisher",
            Choose(order, ReportSql.BooksPerPublisherAscending, ReportSql.BooksPerPublisherDescending),
            cancellationToken);

    /// <summary>Distinct authors per publisher, including publishers with none.</summary>
    /// <param name="order">The direction of the count. Default: <see cref="SortOrder.Descending"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One row per publisher.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is not a defined value.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<IReadOnlyList<PublisherAuthorCount>> AuthorsPerPublisherAsync(
        SortOrder order = SortOrder.Descending,
        CancellationToken cancellationToken = default) =>
        QueryAsync<PublisherAuthorCount>(
            "report.authors_per_publisher",
            Choose(order, ReportSql.AuthorsPerPublisherAscending, ReportSql.AuthorsPerPublisherDescending),
            cancellationToken);

    /// <summary>Books per author, including authors with none; ties by last name, then first name.</summary>
    /// <param name="order">The direction of the count. Default: <see cref="SortOrder.Descending"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One row per author.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is not a defined value.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<IReadOnlyList<AuthorBookCount>> BooksPerAuthorAsync(
        SortOrder order = SortOrder.Descending,
        CancellationToken cancellationToken = default) =>
        QueryAsync<AuthorBookCount>(
            "report.books_per_author",
            Choose(order, ReportSql.BooksPerAuthorAscending, ReportSql.BooksPerAuthorDescending),
            cancellationToken);

    /// <summary>
    /// The whole catalog as a hierarchy, read in one query: authors by last name then first name, each
    /// with their books by title, each with its publishers by name.
    /// </summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Every author, including those without books.</returns>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<IReadOnlyList<AuthorWithBooks>> GetHierarchyAsync(CancellationToken cancellationToken = default) =>
        connectionFactory.ReadAsync<IReadOnlyList<AuthorWithBooks>>(
            "report.get_hierarchy",
            async connection =>
            {
                var rows = connection.QueryUnbufferedAsync<HierarchyRow>(ReportSql.Hierarchy);
                var authors = new List<AuthorWithBooks>();
                var builder = new HierarchyBuilder(authors);
                await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    builder.Add(row);
                }

                builder.Flush();
                return authors;
            },
            cancellationToken);

    /// <summary>Counts everything in the catalog.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The numbers of authors, books, publishers, links and author–publisher pairs.</returns>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<CatalogCounts> GetCountsAsync(CancellationToken cancellationToken = default) =>
        connectionFactory.ReadAsync(
            "report.get_counts",
            connection => connection.QuerySingleAsync<CatalogCounts>(
                new CommandDefinition(ReportSql.Counts, cancellationToken: cancellationToken)),
            cancellationToken);

    private static string Choose(SortOrder order, string ascending, string descending) => order switch
    {
        SortOrder.Ascending => ascending,
        SortOrder.Descending => descending,
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "Sort order must be Ascending or Descending."),
    };

    private Task<IReadOnlyList<T>> QueryAsync<T>(string operation, string sql, CancellationToken cancellationToken) =>
        connectionFactory.ReadAsync(
            operation,
            connection => connection.QueryRowsAsync<T>(new CommandDefinition(sql, cancellationToken: cancellationToken)),
            cancellationToken);

    private sealed record HierarchyRow(
        long AuthorId,
        string FirstName,
        string LastName,
        long? BookId,
        string? Title,
        long? PublisherId,
        string? PublisherName);

    /// <summary>Folds the ordered flat rows into nested records, one author at a time.</summary>
    private sealed class HierarchyBuilder(List<AuthorWithBooks> authors)
    {
        private HierarchyRow? author;
        private readonly List<BookWithPublishers> books = [];
        private HierarchyRow? book;
        private readonly List<Publisher> publishers = [];

        public void Add(HierarchyRow row)
        {
            if (author is null || author.AuthorId != row.AuthorId)
            {
                Flush();
                author = row;
            }

            if (row.BookId is null)
            {
                return;
            }

            if (book is null || book.BookId != row.BookId)
            {
                FlushBook();
                book = row;
            }

            if (row.PublisherId is { } publisherId)
            {
                publishers.Add(new Publisher(publisherId, row.PublisherName!));
            }
        }

        public void Flush()
        {
            FlushBook();
            if (author is not null)
            {
                authors.Add(new AuthorWithBooks(author.AuthorId, author.FirstName, author.LastName, books.ToArray()));
                books.Clear();
                author = null;
            }
        }

        private void FlushBook()
        {
            if (book is not null)
            {
                books.Add(new BookWithPublishers(book.BookId!.Value, book.Title!, publishers.ToArray()));
                publishers.Clear();
                book = null;
            }
        }
    }
}
