using System.Data;
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

    /// <summary>
    /// Begins a transaction on <paramref name="connection"/> (opened by this object) with the settings every BookData
    /// transaction relies on: on SQLite a write transaction takes the write lock up front (<c>BEGIN IMMEDIATE</c>) and a
    /// read-only one is deferred; on PostgreSQL the busy timeout and the read-only mode are set inside the transaction
    /// (<c>SET LOCAL</c>), never on the session, so they hold behind a transaction-pooling pooler too.
    /// </summary>
    /// <param name="connection">An open connection of this object.</param>
    /// <param name="readOnly">Whether every statement of the transaction that would write must fail.</param>
    /// <param name="isolationLevel">The isolation level; <see cref="IsolationLevel.Unspecified"/> for the engine's default.</param>
    /// <param name="cancellationToken">Cancels the begin.</param>
    public abstract Task<DbTransaction> BeginTransactionAsync(
        DbConnection connection, bool readOnly, IsolationLevel isolationLevel, CancellationToken cancellationToken);

    /// <summary>Opens a connection on which every statement that would write fails.</summary>
    /// <exception cref="BookDataDatabaseException">The database does not exist or cannot be opened.</exception>
    public abstract Task<DbConnection> OpenReadOnlyAsync(CancellationToken cancellationToken);
}
