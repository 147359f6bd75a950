using BookData.Connections;
using BookData.Text;
using Dapper;
using System.Data.Common;

namespace BookData.Publishers;

/// <summary>Reads and writes publishers.</summary>
/// <remarks>
/// Names are normalized (<see cref="CatalogText.Normalize"/>) before they are stored or compared, and
/// compared case-insensitively (ASCII letters on SQLite, all letters on PostgreSQL). SQLite does its I/O synchronously: the async methods
/// complete on the calling thread and take a <see cref="CancellationToken"/> so callers can stop early.
/// </remarks>
public sealed class PublisherRepository
{
    private readonly BookDataConnectionFactory connectionFactory;
    private readonly string findByName;

    /// <summary>Creates the repository.</summary>
    /// <param name="connectionFactory">Opens connections to the catalog.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionFactory"/> is <see langword="null"/>.</exception>
    public PublisherRepository(BookDataConnectionFactory connectionFactory)
    {
        ArgumentNullException.ThrowIfNull(connectionFactory);
        this.connectionFactory = connectionFactory;
        findByName = connectionFactory.CatalogProvider.Statements.FindPublisherByName;
    }

    /// <summary>Gets a publisher by id.</summary>
    /// <param name="publisherId">The publisher's id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The publisher, or <see langword="null"/> when there is none with that id.</returns>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<Publisher?> GetByIdAsync(long publisherId, CancellationToken cancellationToken = default) =>
        connectionFactory.ReadAsync(
            "publisher.get_by_id",
            connection => connection.QuerySingleOrDefaultAsync<Publisher?>(
                new CommandDefinition(PublisherSql.GetById, new { PublisherId = publisherId }, cancellationToken: cancellationToken)),
            cancellationToken);

    /// <summary>Finds a publisher by name (normalized, case-insensitive).</summary>
    /// <param name="name">The publisher's name.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The publisher, or <see langword="null"/> when there is none with that name.</returns>
    /// <exception cref="BookDataValidationException">The name is null, empty or too long.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<Publisher?> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizeName(name);
        return connectionFactory.ReadAsync(
            "publisher.find_by_name",
            connection => connection.QuerySingleOrDefaultAsync<Publisher?>(
                new CommandDefinition(findByName, new { Name = normalized }, cancellationToken: cancellationToken)),
            cancellationToken);
    }

    /// <summary>Lists publishers ordered by name.</summary>
    /// <param name="pageNumber">The page, starting at 1. Default: 1.</param>
    /// <param name="pageSize">Publishers per page, 1 to <see cref="Page{T}.MaxPageSize"/>. Default: 50.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page of publishers and the total count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The page or page size is out of range.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<Page<Publisher>> ListAsync(int pageNumber = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        Page<Publisher>.Validate(pageNumber, pageSize);
        return connectionFactory.ReadAsync(
            "publisher.list",
            connection => connection.ReadPageAsync<Publisher>(PublisherSql.Count, PublisherSql.ListPage, null, pageNumber, pageSize, cancellationToken),
            cancellationToken);
    }

    /// <summary>Counts the publishers.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The number of publishers.</returns>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        connectionFactory.ReadAsync(
            "publisher.count",
            connection => connection.ExecuteScalarAsync<long>(new CommandDefinition(PublisherSql.Count, cancellationToken: cancellationToken)),
            cancellationToken);

    /// <summary>Adds a publisher.</summary>
    /// <param name="name">The publisher's name.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write is rolled back.</param>
    /// <returns>The stored publisher with its new id and normalized name.</returns>
    /// <exception cref="BookDataValidationException">The name is null, empty or too long.</exception>
    /// <exception cref="BookDataDuplicateException">A publisher with the same name exists.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be written.</exception>
    public Task<Publisher> AddAsync(string name, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizeName(name);
        return connectionFactory.WriteAsync(
            "publisher.add",
            (connection, transaction) => connection.QuerySingleAsync<Publisher>(
                new CommandDefinition(PublisherSql.Insert, new { Name = normalized }, transaction, cancellationToken: cancellationToken)),
            ex => Duplicate(ex, normalized),
            cancellationToken);
    }

    /// <summary>Renames a publisher.</summary>
    /// <param name="publisherId">The publisher's id.</param>
    /// <param name="name">The new name.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write is rolled back.</param>
    /// <returns>The renamed publisher.</returns>
    /// <exception cref="BookDataValidationException">The name is null, empty or too long.</exception>
    /// <exception cref="BookDataNotFoundException">There is no publisher with that id.</exception>
    /// <exception cref="BookDataDuplicateException">Another publisher already has that name.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be written.</exception>
    public Task<Publisher> RenameAsync(long publisherId, string name, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizeName(name);
        return connectionFactory.UpdateExistingAsync<Publisher>(
            "publisher.rename",
            PublisherSql.Rename,
            new { PublisherId = publisherId, Name = normalized },
            $"Publisher {publisherId} does not exist.",
            ex => Duplicate(ex, normalized),
            cancellationToken);
    }

    /// <summary>Deletes a publisher that publishes no books.</summary>
    /// <param name="publisherId">The publisher's id.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write is rolled back.</param>
    /// <returns><see langword="true"/> when the publisher was deleted, <see langword="false"/> when there was none with that id.</returns>
    /// <exception cref="BookDataConflictException">Books are still linked to the publisher; unlink them first.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be written.</exception>
    public Task<bool> DeleteAsync(long publisherId, CancellationToken cancellationToken = default) =>
        connectionFactory.WriteAsync(
            "publisher.delete",
            async (connection, transaction) => await connection.ExecuteAsync(
                new CommandDefinition(PublisherSql.Delete, new { PublisherId = publisherId }, transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false) > 0,
            ex => connectionFactory.CatalogProvider.IsForeignKeyViolation(ex)
                ? new BookDataConflictException($"Publisher {publisherId} still has books; unlink them first.", ex)
                : null,
            cancellationToken);

    private static string NormalizeName(string name) =>
        CatalogText.Required(name, "publisher name", CatalogText.MaxPublisherNameLength);

    private BookDataDuplicateException? Duplicate(DbException ex, string name) =>
        connectionFactory.CatalogProvider.IsUniqueViolation(ex)
            ? new BookDataDuplicateException($"Publisher '{name}' already exists.", ex)
            : null;
}
