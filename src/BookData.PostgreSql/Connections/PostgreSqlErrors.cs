using System.Data.Common;
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
    /// <see langword="true"/> for an error opening a connection that a pooler (PgBouncer) gives for a database the server
    /// lacks, instead of PostgreSQL's 3D000: its own protocol error (08P01, "database ... does not exist"), or a timeout
    /// while it waits to retry the failed server login (<c>server_login_retry</c>).
    /// </summary>
    public static bool MayBeMissingDatabaseBehindPooler(NpgsqlException ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.ProtocolViolation }
        || ex.InnerException is TimeoutException;

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
    public static BookDataDatabaseException CannotOpen(string dataSource, DbException ex) => ex switch
    {
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } => new BookDataDatabaseException(
            $"Cannot open database '{dataSource}': the server has no such database; run the migrations (bookdata migrate) to create it.", ex),
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } => new BookDataDatabaseException(
            $"Cannot open database '{dataSource}': the server refused the login: {ex.Message}", ex),
        PostgresException => Translate(dataSource, ex),
        _ when ex.InnerException is SocketException or TimeoutException => new BookDataDatabaseException(
            $"Cannot open database '{dataSource}': no PostgreSQL server answered: {ex.InnerException.Message}", ex),
        _ => new BookDataDatabaseException($"Cannot open database '{dataSource}': {ex.Message}", ex),
    };

    /// <summary>Any other unexpected PostgreSQL error, named with the database it happened in.</summary>
    public static BookDataDatabaseException Translate(string dataSource, DbException ex) => ex switch
    {
        PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable } => new BookDataDatabaseException(
            $"Database '{dataSource}' stayed locked by another writer for longer than the busy timeout.", ex),
        PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } => new BookDataDatabaseException(
            $"Database '{dataSource}' is read-only: {ex.Message}", ex),
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } => new BookDataDatabaseException(
            $"Database '{dataSource}' rolled the write back because it conflicted with a concurrent one; retry it: {ex.Message}", ex),
        _ => new BookDataDatabaseException($"Database '{dataSource}' failed: {ex.Message}", ex),
    };
}
