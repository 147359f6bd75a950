using BookData.Connections;
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
    private readonly Providers.CatalogStatements statements;

    /// <summary>Creates the reports.</summary>
    /// <param name="connectionFactory">Opens connections to the catalog.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionFactory"/> is <see langword="null"/>.</exception>
    public CatalogReports(BookDataConnectionFactory connectionFactory)
    {
        ArgumentNullException.ThrowIfNull(connectionFactory);
        this.connectionFactory = connectionFactory;
        statements = connectionFactory.CatalogProvider.Statements;
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
            Choose(order, statements.AuthorsPerPublisherAscending, statements.AuthorsPerPublisherDescending),
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
        connectionFactory.ReadAsync(
            "report.get_hierarchy",
            connection => HierarchyReader.ReadAsync(connection, cancellationToken),
            cancellationToken);

    /// <summary>
    /// One page of the hierarchy: the authors of the page, in the order of <see cref="GetHierarchyAsync"/> (last
    /// name, then first name, then id), each with all their books by title and each book's publishers by name.
    /// Page <c>n</c> holds the same authors, with the same branches, as items <c>(n - 1) × pageSize</c> onwards of
    /// the whole hierarchy read at the same moment.
    /// </summary>
    /// <remarks>
    /// One statement, one round trip: it reads the page's authors from the name index, then only their books,
    /// links and publishers, and counts the authors in the same snapshot. Memory and time follow the page, not
    /// the catalog (apart from stepping over the earlier authors in the name index, as any offset does).
    /// </remarks>
    /// <param name="pageNumber">The page, starting at 1. Default: 1.</param>
    /// <param name="pageSize">Authors per page, 1 to <see cref="Page{T}.MaxPageSize"/>. Default: 50.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>
    /// The page's authors, including those without books, and the number of authors in the catalog; no
    /// authors for a page past the last.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">The page or page size is out of range.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<Page<AuthorWithBooks>> GetHierarchyPageAsync(int pageNumber = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        Page<AuthorWithBooks>.Validate(pageNumber, pageSize);
        return connectionFactory.ReadAsync(
            "report.get_hierarchy_page",
            connection => HierarchyReader.ReadPageAsync(connection, pageNumber, pageSize, cancellationToken),
            cancellationToken);
    }

    /// <summary>Counts everything in the catalog.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The numbers of authors, books, publishers, links and author–publisher pairs.</returns>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<CatalogCounts> GetCountsAsync(CancellationToken cancellationToken = default) =>
        connectionFactory.ReadAsync(
            "report.get_counts",
            connection => connection.QuerySingleAsync<CatalogCounts>(
                new CommandDefinition(statements.Counts, cancellationToken: cancellationToken)),
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
}
