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
    private readonly bool onPostgreSql;

    /// <summary>Creates the reports.</summary>
    /// <param name="connectionFactory">Opens connections to the catalog.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionFactory"/> is <see langword="null"/>.</exception>
    public CatalogReports(BookDataConnectionFactory connectionFactory)
    {
        ArgumentNullException.ThrowIfNull(connectionFactory);
        this.connectionFactory = connectionFactory;
        onPostgreSql = connectionFactory.Provider == BookDataProvider.PostgreSql;
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
            onPostgreSql
                ? Choose(order, ReportSql.AuthorsPerPublisherAscendingPostgreSql, ReportSql.AuthorsPerPublisherDescendingPostgreSql)
                : Choose(order, ReportSql.AuthorsPerPublisherAscending, ReportSql.AuthorsPerPublisherDescending),
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

    /// <summary>Counts everything in the catalog.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The numbers of authors, books, publishers, links and author–publisher pairs.</returns>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<CatalogCounts> GetCountsAsync(CancellationToken cancellationToken = default) =>
        connectionFactory.ReadAsync(
            "report.get_counts",
            connection => connection.QuerySingleAsync<CatalogCounts>(
                new CommandDefinition(onPostgreSql ? ReportSql.CountsPostgreSql : ReportSql.Counts, cancellationToken: cancellationToken)),
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
