namespace BookData;

/// <summary>
/// The database could not be used: the file is missing, read-only, not a SQLite database, locked by
/// another writer for longer than the busy timeout, or damaged; or the PostgreSQL server does not answer,
/// refuses the login or has no such database. The provider's error is the <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class BookDataDatabaseException : BookDataException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the database.</param>
    /// <param name="innerException">The underlying error.</param>
    public BookDataDatabaseException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The SQLite result code of the underlying error, or 0 when there is none.</summary>
    public int SqliteErrorCode => (InnerException as Microsoft.Data.Sqlite.SqliteException)?.SqliteErrorCode ?? 0;

    /// <summary>The PostgreSQL SQLSTATE of the underlying error (for example <c>3D000</c>), or <see langword="null"/> when there is none.</summary>
    public string? SqlState => (InnerException as System.Data.Common.DbException)?.SqlState;
}
