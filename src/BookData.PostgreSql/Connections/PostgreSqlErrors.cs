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
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } postgres
            when postgres.MessageText.Contains("conflict with recovery", StringComparison.OrdinalIgnoreCase) => new BookDataDatabaseException(
            $"Database '{dataSource}', a hot standby, cancelled the query because it conflicted with the replay of the primary's changes "
            + $"(the standby's max_standby_streaming_delay); retry it: {ex.Message}", ex),
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } => new BookDataDatabaseException(
            $"Database '{dataSource}' rolled the write back because it conflicted with a concurrent one; retry it: {ex.Message}", ex),
        _ => new BookDataDatabaseException($"Database '{dataSource}' failed: {ex.Message}", ex),
    };
}
