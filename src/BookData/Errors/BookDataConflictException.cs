namespace BookData;

/// <summary>
/// A write conflicts with data that depends on it, for example deleting a publisher that still has books,
/// or a name matches more than one entity (<see cref="BookDataAmbiguousAuthorException"/>).
/// </summary>
public class BookDataConflictException : BookDataException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What the conflict is and how to resolve it.</param>
    /// <param name="innerException">The database's constraint error, if any.</param>
    public BookDataConflictException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
