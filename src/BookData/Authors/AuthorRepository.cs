using BookData.Connections;
using BookData.Text;
using Dapper;
using System.Data.Common;

namespace BookData.Authors;

/// <summary>Reads and writes authors.</summary>
/// <remarks>
/// Names are normalized (<see cref="CatalogText.Normalize"/>) before they are stored or compared, and
/// compared case-insensitively (ASCII letters on SQLite, all letters on PostgreSQL). SQLite does its I/O synchronously: the async methods
/// complete on the calling thread and take a <see cref="CancellationToken"/> so callers can stop early.
/// </remarks>
public sealed class AuthorRepository
{
    private readonly BookDataConnectionFactory connectionFactory;
    private readonly string findByName;

    /// <summary>Creates the repository.</summary>
    /// <param name="connectionFactory">Opens connections to the catalog.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionFactory"/> is <see langword="null"/>.</exception>
    public AuthorRepository(BookDataConnectionFactory connectionFactory)
    {
        ArgumentNullException.ThrowIfNull(connectionFactory);
        this.connectionFactory = connectionFactory;
        findByName = connectionFactory.CatalogProvider.Statements.FindAuthorByName;
    }

    /// <summary>Gets an author by id.</summary>
    /// <param name="authorId">The author's id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The author, or <see langword="null"/> when there is none with that id.</returns>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<Author?> GetByIdAsync(long authorId, CancellationToken cancellationToken = default) =>
        connectionFactory.ReadAsync(
            "author.get_by_id",
            connection => connection.QuerySingleOrDefaultAsync<Author?>(
                new CommandDefinition(AuthorSql.GetById, new { AuthorId = authorId }, cancellationToken: cancellationToken)),
            cancellationToken);

    /// <summary>Finds an author by name (normalized, case-insensitive).</summary>
    /// <param name="firstName">The first name; empty for single-name authors.</param>
    /// <param name="lastName">The last name.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The author, or <see langword="null"/> when there is none with that name.</returns>
    /// <exception cref="BookDataValidationException">A name is null, too long or (the last name) empty.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<Author?> FindByNameAsync(string firstName, string lastName, CancellationToken cancellationToken = default)
    {
        var name = AuthorName.Create(firstName, lastName);
        return connectionFactory.ReadAsync(
            "author.find_by_name",
            connection => connection.QuerySingleOrDefaultAsync<Author?>(
                new CommandDefinition(findByName, name, cancellationToken: cancellationToken)),
            cancellationToken);
    }

    /// <summary>Lists authors ordered by last name, then first name.</summary>
    /// <param name="pageNumber">The page, starting at 1. Default: 1.</param>
    /// <param name="pageSize">Authors per page, 1 to <see cref="Page{T}.MaxPageSize"/>. Default: 50.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page of authors and the total count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The page or page size is out of range.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<Page<Author>> ListAsync(int pageNumber = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        Page<Author>.Validate(pageNumber, pageSize);
        return connectionFactory.ReadAsync(
            "author.list",
            connection => connection.ReadPageAsync<Author>(AuthorSql.Count, AuthorSql.ListPage, null, pageNumber, pageSize, cancellationToken),
            cancellationToken);
    }

    /// <summary>Counts the authors.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The number of authors.</returns>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    public Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        connectionFactory.ReadAsync(
            "author.count",
            connection => connection.ExecuteScalarAsync<long>(new CommandDefinition(AuthorSql.Count, cancellationToken: cancellationToken)),
            cancellationToken);

    /// <summary>Adds an author.</summary>
    /// <param name="firstName">The first name; may be empty for single-name authors.</param>
    /// <param name="lastName">The last name.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write is rolled back.</param>
    /// <returns>The stored author with its new id and normalized names.</returns>
    /// <exception cref="BookDataValidationException">A name is null, too long or (the last name) empty.</exception>
    /// <exception cref="BookDataDuplicateException">An author with the same name exists.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be written.</exception>
    public Task<Author> AddAsync(string firstName, string lastName, CancellationToken cancellationToken = default)
    {
        var name = AuthorName.Create(firstName, lastName);
        return connectionFactory.WriteAsync(
            "author.add",
            (connection, transaction) => connection.QuerySingleAsync<Author>(
                new CommandDefinition(AuthorSql.Insert, name, transaction, cancellationToken: cancellationToken)),
            ex => Duplicate(ex, name),
            cancellationToken);
    }

    /// <summary>Renames an author.</summary>
    /// <param name="authorId">The author's id.</param>
    /// <param name="firstName">The new first name; may be empty.</param>
    /// <param name="lastName">The new last name.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write is rolled back.</param>
    /// <returns>The renamed author.</returns>
    /// <exception cref="BookDataValidationException">A name is null, too long or (the last name) empty.</exception>
    /// <exception cref="BookDataNotFoundException">There is no author with that id.</exception>
    /// <exception cref="BookDataDuplicateException">Another author already has that name.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be written.</exception>
    public Task<Author> RenameAsync(long authorId, string firstName, string lastName, CancellationToken cancellationToken = default)
    {
        var name = AuthorName.Create(firstName, lastName);
        return connectionFactory.UpdateExistingAsync<Author>(
            "author.rename",
            AuthorSql.Rename,
            new { AuthorId = authorId, name.FirstName, name.LastName },
            $"Author {authorId} does not exist.",
            ex => Duplicate(ex, name),
            cancellationToken);
    }

    /// <summary>Deletes an author who has no books.</summary>
    /// <param name="authorId">The author's id.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write is rolled back.</param>
    /// <returns><see langword="true"/> when the author was deleted, <see langword="false"/> when there was none with that id.</returns>
    /// <exception cref="BookDataConflictException">The author still has books; delete them first.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be written.</exception>
    public Task<bool> DeleteAsync(long authorId, CancellationToken cancellationToken = default) =>
        connectionFactory.WriteAsync(
            "author.delete",
            async (connection, transaction) => await connection.ExecuteAsync(
                new CommandDefinition(AuthorSql.Delete, new { AuthorId = authorId }, transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false) > 0,
            ex => connectionFactory.CatalogProvider.IsForeignKeyViolation(ex)
                ? new BookDataConflictException($"Author {authorId} still has books; delete or reassign them first.", ex)
                : null,
            cancellationToken);

    private BookDataDuplicateException? Duplicate(DbException ex, AuthorName name) =>
        connectionFactory.CatalogProvider.IsUniqueViolation(ex)
            ? new BookDataDuplicateException($"Author '{name.FullName}' already exists.", ex)
            : null;
}
