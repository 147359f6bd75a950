using System.Data.Common;
using BookData.Books;
using BookData.Connections;
using BookData.Import;
using BookData.Migrations;

namespace BookData.Providers;

/// <summary>
/// What the core asks of a database engine: the one place where SQLite and PostgreSQL differ. The core carries
/// <see cref="SqliteCatalogProvider"/>; the <c>BookData.PostgreSql</c> package carries the PostgreSQL one and
/// hands it to <see cref="BookDataOptions"/> through its <c>UsePostgreSql()</c>. Implementations are stateless
/// singletons; per-database state lives in the <see cref="CatalogConnections"/> they create.
/// </summary>
internal abstract class CatalogProvider
{
    /// <summary>The engine, as <see cref="BookDataConnectionFactory.Provider"/> reports it.</summary>
    public abstract BookDataProvider Kind { get; }

    /// <summary>The engine's name in traces (<c>db.system</c>): <c>sqlite</c> or <c>postgresql</c>.</summary>
    public abstract string SystemName { get; }

    /// <summary>The statements whose text differs between engines.</summary>
    public abstract CatalogStatements Statements { get; }

    /// <summary>The engine's schema scripts, ordered by name (and so by version number).</summary>
    public abstract IReadOnlyList<MigrationScript> MigrationScripts { get; }

    /// <summary>Checks the connection string and the engine-specific settings.</summary>
    /// <exception cref="BookDataValidationException">A setting does not suit the engine.</exception>
    public abstract void Validate(BookDataOptions options);

    /// <summary>Builds what opens connections to the database the (validated) options name; nothing is opened.</summary>
    public abstract CatalogConnections CreateConnections(BookDataOptions options);

    /// <summary>A unique or primary key constraint rejected the write.</summary>
    public abstract bool IsUniqueViolation(DbException ex);

    /// <summary>A foreign key constraint rejected the write.</summary>
    public abstract bool IsForeignKeyViolation(DbException ex);

    /// <summary>A statement waited for another connection's lock for longer than the busy timeout.</summary>
    public abstract bool IsLockTimeout(DbException ex);

    /// <summary>
    /// The driver cancelled a statement because it ran longer than its command timeout (never a lock wait: that is
    /// <see cref="IsLockTimeout"/>). SQLite has no such timeout.
    /// </summary>
    public virtual bool IsCommandTimeout(Exception? ex) => false;

    /// <summary>An error opening or first touching the database, named with the database.</summary>
    public abstract BookDataDatabaseException CannotOpen(string dataSource, DbException ex);

    /// <summary>Any other unexpected database error, named with the database it happened in.</summary>
    /// <param name="dataSource">The database the error happened in, for the message.</param>
    /// <param name="ex">The driver's error.</param>
    /// <param name="busyTimeout">The busy timeout the connection waited, named in a lock timeout's message; unknown when <see langword="null"/>.</param>
    public abstract BookDataDatabaseException Translate(string dataSource, DbException ex, TimeSpan? busyTimeout = null);

    /// <summary>Lists applied, pending, changed and unknown scripts; creates nothing.</summary>
    public abstract Task<MigrationStatus> GetMigrationStatusAsync(BookDataMigrator migrator, CancellationToken cancellationToken);

    /// <summary>Applies the pending scripts under the engine's migration lock (see <see cref="BookDataMigrator.MigrateAsync"/>).</summary>
    public abstract Task<MigrationResult> MigrateAsync(BookDataMigrator migrator, CancellationToken cancellationToken);

    /// <summary>
    /// Runs one import on the open read-write connection of <paramref name="request"/>, in one transaction, and
    /// commits it. Database errors may leave as the engine's <see cref="DbException"/>; the importer translates them.
    /// </summary>
    public abstract Task<ImportSummary> ImportAsync(ImportRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Reads one page of a title search that the trigram index of migration 0002 can answer, with the total count,
    /// from one snapshot. <paramref name="pattern"/> is the scan's LIKE pattern, which decides every match.
    /// </summary>
    public abstract Task<Page<BookSummary>> ReadIndexedTitlePageAsync(
        DbConnection connection, string normalized, string pattern, int pageNumber, int pageSize, CancellationToken cancellationToken);
}
