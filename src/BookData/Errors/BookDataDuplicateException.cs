namespace BookData;

/// <summary>A write would create a second entity with the same case-insensitive identity.</summary>
public sealed class BookDataDuplicateException : BookDataException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which value already exists, for example "publisher 'Berkley' already exists".</param>
    /// <param name="innerException">The database's constraint error, if any.</param>
    public BookDataDuplicateException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
