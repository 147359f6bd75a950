using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace BookData.PostgreSql.Connections;

/// <summary>Recognizes PostgreSQL's SQLSTATE codes and Npgsql's connection errors and turns them into BookData exceptions.</summary>
internal static class PostgreSqlErrors
{
    public static bool IsUniqueViolation(DbException ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public static bool IsForeignKeyViolation(DbException ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation };

    public static bool IsLockTimeout(DbException ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable };

    /// <summary><see langword="true"/> when the database named in the connection string does not exist on the server.</summary>
    public static bool IsMissingDatabase(DbException ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName };

    /// <summary>
    /// <see langword="true"/> when Npgsql gave up waiting for a connection of its pool: every connection the pool
    /// may hold (<c>Maximum Pool Size</c>) was in use for the whole <c>Timeout</c>. Npgsql reports this, like a
    /// server that does not answer, as an <see cref="NpgsqlException"/> around a <see cref="TimeoutException"/>;
    /// only its message (not translated) tells them apart.
    /// </summary>
    public static bool IsPoolExhausted(DbException ex) =>
        ex is NpgsqlException and not PostgresException
        && ex.InnerException is TimeoutException
        && ex.Message.StartsWith("The connection pool has been exhausted", StringComparison.Ordinal);

    /// <summary>
    /// <see langword="true"/> for an error opening a connection that a pooler (PgBouncer) gives for a database the server
    /// lacks, instead of PostgreSQL's 3D000: its own protocol error (08P01, "database ... does not exist"), or a timeout
    /// while it waits to retry the failed server login (<c>server_login_retry</c>). Never for Npgsql's own pool being
    /// exhausted (<see cref="IsPoolExhausted"/>), which is also a timeout.
    /// </summary>
    public static bool MayBeMissingDatabaseBehindPooler(NpgsqlException ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.ProtocolViolation }
        || (ex.InnerException is TimeoutException && !IsPoolExhausted(ex));

    /// <summary>
    /// The error for a database the maintenance database says the server lacks, after a pooler hid PostgreSQL's 3D000:
    /// its inner exception carries SQLSTATE 3D000 (and the pooler's answer in its text), as a direct login's would.
    /// </summary>
    public static BookDataDatabaseException MissingBehindPooler(string dataSource, string database, NpgsqlException ex) => new(
        $"Cannot open database '{dataSource}': the server has no such database. Through a connection pooler (PgBouncer) the database "
        + "must exist before clients connect: create it on the server (CREATE DATABASE), or run the migrations (bookdata migrate), which "
        + "create it through the server's maintenance database.",
        new PostgresException(
            $"database \"{database}\" does not exist (the pooler answered: {ex.Message})",
            "FATAL",
            "FATAL",
            PostgresErrorCodes.InvalidCatalogName));

    /// <summary>An error opening a connection.</summary>
    /// <param name="dataSource">The database as messages name it.</param>
    /// <param name="ex">What Npgsql threw.</param>
    /// <param name="pool">The pool's size and wait, which a pool-exhaustion message names; unknown when <see langword="null"/>.</param>
    public static BookDataDatabaseException CannotOpen(string dataSource, DbException ex, PostgreSqlPoolSettings? pool = null) => ex switch
    {
        _ when IsPoolExhausted(ex) => PoolExhausted(dataSource, ex, pool),
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } => new BookDataDatabaseException(
            $"Cannot open database '{dataSource}': the server has no such database; run the migrations (bookdata migrate) to create it.", ex),
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } => new BookDataDatabaseException(
            $"Cannot open database '{dataSource}': the server refused the login: {ex.Message}", ex),
        PostgresException => Translate(dataSource, ex),
        _ when ex.InnerException is TimeoutException => new BookDataDatabaseException(
            $"Cannot open database '{dataSource}': no PostgreSQL server answered within the connection string's Timeout: the server may be "
            + "down or unreachable, or a connection pooler in front of it (PgBouncer) may have no free server connection (its default_pool_size): "
            + ex.InnerException.Message,
            ex),
        _ when ex.InnerException is SocketException => new BookDataDatabaseException(
            $"Cannot open database '{dataSource}': no PostgreSQL server answered: {ex.InnerException.Message}", ex),
        _ => new BookDataDatabaseException($"Cannot open database '{dataSource}': {ex.Message}", ex),
    };

    private static BookDataDatabaseException PoolExhausted(string dataSource, DbException ex, PostgreSqlPoolSettings? pool)
    {
        var size = pool is null ? "" : string.Create(CultureInfo.InvariantCulture, $"all {pool.MaximumPoolSize} of its connections ");
        var wait = pool is null ? "Timeout" : string.Create(CultureInfo.InvariantCulture, $"Timeout ({pool.TimeoutSeconds} s)");
        var settings = pool is null
            ? "Maximum Pool Size"
            : string.Create(CultureInfo.InvariantCulture, $"Maximum Pool Size (now {pool.MaximumPoolSize})");
        return new BookDataDatabaseException(
            $"Cannot open database '{dataSource}': this process's connection pool is exhausted: {size}were in use for the whole {wait}, so the server was not asked. "
            + $"Raise {settings} or Timeout in the connection string (keeping the pools of every process within the server's max_connections), "
            + "or find what holds connections open (a connection not disposed, a long transaction, more concurrent work than the pool).",
            ex);
    }

    /// <summary>
    /// The one message for an extension a migration script needs and this user cannot create: which extension, which
    /// script, and what a DBA runs (<c>CREATE EXTENSION name;</c> in the database, as a superuser or the database's
    /// owner; on a managed service, the allow-list; on a server without the extension's files, the contrib package).
    /// </summary>
    public static string MissingExtension(string extension, string scriptName, string database, string user, string dataSource, PostgresException ex)
    {
        var remedy = ex.SqlState == PostgresErrorCodes.UndefinedFile
            ? $"this server does not have the extension's files installed ({ex.MessageText}): install the server's contrib extensions (Debian and Ubuntu: postgresql-contrib; Red Hat: postgresql-contrib), then, as a superuser or the database's owner, run CREATE EXTENSION {extension}; in database \"{database}\""
            : $"user \"{user}\" may not create it ({ex.SqlState}: {ex.MessageText}): as a superuser or the database's owner, run CREATE EXTENSION {extension}; in database \"{database}\" (from PostgreSQL 13 on, granting the user CREATE on the database is enough when the extension is trusted: see the trusted column of pg_available_extension_versions); on a managed service (Amazon RDS, Azure Database for PostgreSQL, Google Cloud SQL) the extension must also be on the server's allow-list of extensions";
        return $"Migration script '{scriptName}' needs the PostgreSQL extension {extension}, which database \"{database}\" ('{dataSource}') does not have, and {remedy}; then migrate again. No script was applied.";
    }

    /// <summary>
    /// The message for an extension a script needs that is installed in a schema off the user's search path: where it
    /// is, and the one statement that puts that schema on the user's path in this database.
    /// </summary>
    public static string ExtensionOffSearchPath(string extension, string schema, string scriptName, string database, string user, string dataSource) =>
        $"Migration script '{scriptName}' needs the PostgreSQL extension {extension}, which database \"{database}\" ('{dataSource}') has "
        + $"in schema \"{schema}\", not on the search path of user \"{user}\", so the script cannot name its types and operators. "
        + $"Put that schema on the user's search path, for example (as a superuser or the role itself) ALTER ROLE \"{user}\" IN DATABASE \"{database}\" "
        + $"SET search_path = \"$user\", public, \"{schema}\"; then migrate again. No script was applied.";

    /// <summary>Any other unexpected PostgreSQL error, named with the database it happened in.</summary>
    public static BookDataDatabaseException Translate(string dataSource, DbException ex) => ex switch
    {
        PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable } => new BookDataDatabaseException(
            $"Database '{dataSource}' stayed locked by another writer for longer than the busy timeout.", ex),
        _ when PostgreSqlTimeouts.IsCommandTimeout(ex) => new BookDataDatabaseException(
            $"Database '{dataSource}': a statement ran longer than the command timeout ({BookDataOptions.SectionName}:{nameof(BookDataOptions.CommandTimeout)}, "
            + "or else the connection string's Command Timeout) and was cancelled; raise it, or leave both unset for no limit.",
            ex),
        PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } => new BookDataDatabaseException(
            $"Database '{dataSource}' is read-only: {ex.Message}", ex),
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } postgres
            when postgres.MessageText.Contains("conflict with recovery", StringComparison.OrdinalIgnoreCase) => new BookDataDatabaseException(
            $"Database '{dataSource}', a hot standby, cancelled the query because it conflicted with the replay of the primary's changes "
            + $"(the standby's max_standby_streaming_delay); retry it: {ex.Message}", ex),
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } => new BookDataDatabaseException(
            $"Database '{dataSource}' rolled the write back because it conflicted with a concurrent one; retry it: {ex.Message}", ex),
        PostgresException { SqlState: PostgresErrorCodes.ProtocolViolation } postgres
            when postgres.MessageText.Contains("server_login_retry", StringComparison.Ordinal) => new BookDataDatabaseException(
            $"Database '{dataSource}': the connection pooler cannot log in to the PostgreSQL server behind it (the server is down or "
            + $"restarting, or refuses the pooler's login); retry once it is back: {ex.Message}", ex),
        NpgsqlException { InnerException: EndOfStreamException or IOException } => new BookDataDatabaseException(
            $"Database '{dataSource}': the connection to the server broke (the server restarted or crashed, or the network dropped it), "
            + $"so the operation did not complete and the server rolls back what it had not committed; retry once the server is back: {ex.Message}", ex),
        _ => new BookDataDatabaseException($"Database '{dataSource}' failed: {ex.Message}", ex),
    };
}
