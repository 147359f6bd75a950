using System.Data.Common;

namespace BookData.Providers;

/// <summary>
/// Opens connections to one database with the settings every BookData operation relies on; made by
/// <see cref="CatalogProvider.CreateConnections"/> for each <see cref="Connections.BookDataConnectionFactory"/>.
/// Thread-safe.
/// </summary>
internal abstract class CatalogConnections
{
    /// <summary>The effective connection string, for code that opens its own connection.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>The database as messages name it, never with a password.</summary>
    public abstract string DataSource { get; }

    /// <summary><see langword="true"/> for an in-memory database.</summary>
    public virtual bool IsInMemory => false;

    /// <summary>Opens a read-write connection.</summary>
    /// <exception cref="BookDataDatabaseException">The database cannot be opened.</exception>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Opens a connection on which every statement that would write fails.</summary>
    /// <exception cref="BookDataDatabaseException">The database does not exist or cannot be opened.</exception>
    public abstract Task<DbConnection> OpenReadOnlyAsync(CancellationToken cancellationToken);
}
