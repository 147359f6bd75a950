using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace BookData.Connections;

/// <summary>
/// Recognizes the errors of either provider and turns them into BookData exceptions, so code shared by both
/// never looks at a provider's error codes itself.
/// </summary>
internal static class DatabaseErrors
{
    /// <summary>A unique or primary key constraint rejected the write.</summary>
    public static bool IsUniqueViolation(DbException ex) => ex switch
    {
        SqliteException sqlite => SqliteErrors.IsUniqueViolation(sqlite),
        _ => PostgreSqlErrors.IsUniqueViolation(ex),
    };

    /// <summary>A foreign key constraint rejected the write.</summary>
    public static bool IsForeignKeyViolation(DbException ex) => ex switch
    {
        SqliteException sqlite => SqliteErrors.IsForeignKeyViolation(sqlite),
        _ => PostgreSqlErrors.IsForeignKeyViolation(ex),
    };

    /// <summary>A statement waited for another connection's lock for longer than the busy timeout.</summary>
    public static bool IsLockTimeout(DbException ex) => ex switch
    {
        SqliteException sqlite => SqliteErrors.IsBusy(sqlite),
        _ => PostgreSqlErrors.IsLockTimeout(ex),
    };

    /// <summary>An error opening or first touching the database.</summary>
    public static BookDataDatabaseException CannotOpen(string dataSource, DbException ex) => ex switch
    {
        SqliteException sqlite => SqliteErrors.CannotOpen(dataSource, sqlite),
        _ => PostgreSqlErrors.CannotOpen(dataSource, ex),
    };

    /// <summary>Any other unexpected database error, named with the database it happened in.</summary>
    public static BookDataDatabaseException Translate(string dataSource, DbException ex) => ex switch
    {
        SqliteException sqlite => SqliteErrors.Translate(dataSource, sqlite),
        _ => PostgreSqlErrors.Translate(dataSource, ex),
    };
}
