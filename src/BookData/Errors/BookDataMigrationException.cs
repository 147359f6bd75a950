namespace BookData;

/// <summary>
/// A migration script failed, or the applied scripts no longer match the ones the library carries.
/// The database stays at the last script that succeeded.
/// </summary>
public sealed class BookDataMigrationException : BookDataException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="scriptName">The script that failed, for example <c>0002_add_isbn.sql</c>; <see langword="null"/> when no single script is at fault.</param>
    /// <param name="message">What failed, naming the script and the database's error.</param>
    /// <param name="innerException">The underlying error.</param>
    public BookDataMigrationException(string? scriptName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ScriptName = scriptName;
    }

    /// <summary>The script that failed, or <see langword="null"/> when no single script is at fault.</summary>
    public string? ScriptName { get; }
}
