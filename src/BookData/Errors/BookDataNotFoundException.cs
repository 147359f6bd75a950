namespace BookData;

/// <summary>
/// An operation needed an entity that does not exist (for example renaming author 42 when there is none).
/// Lookups such as <c>GetByIdAsync</c> return <see langword="null"/> instead of throwing this.
/// </summary>
public sealed class BookDataNotFoundException : BookDataException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which entity was missing, for example "author 42 does not exist".</param>
    public BookDataNotFoundException(string message)
        : base(message)
    {
    }
}
