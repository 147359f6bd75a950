namespace BookData;

/// <summary>
/// The base of every exception BookData throws for an expected condition: bad input, a missing or
/// duplicate entity, a conflict, a failed migration or import. Catch it instead of
/// <c>SqliteException</c> or <c>NpgsqlException</c>; the original exception, when there is one, is the <see cref="Exception.InnerException"/>.
/// </summary>
public class BookDataException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, in one sentence.</param>
    public BookDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in one sentence.</param>
    /// <param name="innerException">The underlying exception.</param>
    public BookDataException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
