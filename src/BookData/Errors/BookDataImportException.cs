namespace BookData;

/// <summary>
/// A CSV import was refused because of its input: the file is missing or unreadable, the header lacks
/// a column, a row breaks the quoting rules or holds a value the catalog does not accept. Nothing
/// was written: the import runs in one transaction that is rolled back.
/// </summary>
/// <remarks>
/// The message names the input, the line and the problem, for example
/// <c>author_book_publisher.csv, line 7: the title is required and cannot be empty or white space.</c>
/// </remarks>
public sealed class BookDataImportException : BookDataException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="sourceName">The input, usually the file name, for example <c>author_book_publisher.csv</c>.</param>
    /// <param name="lineNumber">The 1-based physical line where the offending record starts (the header is line 1), or <see langword="null"/> when the problem is not tied to a line.</param>
    /// <param name="field">The CSV column at fault, for example <c>title</c>, or <see langword="null"/> when no single column is.</param>
    /// <param name="reason">What is wrong, in one sentence without the location, for example "the title is required and cannot be empty or white space".</param>
    /// <param name="innerException">The underlying error, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sourceName"/> or <paramref name="reason"/> is <see langword="null"/>.</exception>
    public BookDataImportException(string sourceName, long? lineNumber, string? field, string reason, Exception? innerException = null)
        : base(FormatMessage(sourceName, lineNumber, reason), innerException)
    {
        SourceName = sourceName;
        LineNumber = lineNumber;
        Field = field;
        Reason = reason;
    }

    /// <summary>The input the error is in, usually the file name or path as given.</summary>
    public string SourceName { get; }

    /// <summary>
    /// The 1-based physical line of the input where the offending record starts, counting the header
    /// as line 1 and every line inside quoted values and every blank line; <see langword="null"/> when
    /// the problem is not tied to a line (a file that does not exist).
    /// </summary>
    public long? LineNumber { get; }

    /// <summary>The CSV column at fault (<c>first_name</c>, <c>last_name</c>, <c>title</c> or <c>publisher</c>), or <see langword="null"/> when no single column is.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the location, for example "the title is required and cannot be empty or white space".</summary>
    public string Reason { get; }

    private static string FormatMessage(string sourceName, long? lineNumber, string reason)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(reason);
        return lineNumber is { } line ? $"{sourceName}, line {line}: {reason}." : $"{sourceName}: {reason}.";
    }
}
