namespace BookData;

/// <summary>A value was rejected before anything was written: empty, too long, malformed.</summary>
public sealed class BookDataValidationException : BookDataException
{
    /// <summary>Creates the exception for one field.</summary>
    /// <param name="field">The field or setting that was rejected, for example <c>title</c>.</param>
    /// <param name="message">What is wrong with it.</param>
    public BookDataValidationException(string field, string message)
        : this(field, message, null)
    {
    }

    /// <summary>Creates the exception for one field, with the exception that revealed the problem.</summary>
    /// <param name="field">The field or setting that was rejected, for example <c>title</c>.</param>
    /// <param name="message">What is wrong with it.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public BookDataValidationException(string field, string message, Exception? innerException)
        : base(message, innerException)
    {
        Field = field;
    }

    /// <summary>The field or setting that was rejected, for example <c>title</c> or <c>BookData:ConnectionString</c>.</summary>
    public string Field { get; }
}
