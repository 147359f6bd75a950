namespace BookData.Import;

/// <summary>One data row of the input: its values decoded and normalized, or why it cannot be imported.</summary>
/// <param name="LineNumber">The 1-based physical line where the row starts.</param>
/// <param name="ByteOffset">Where the row starts in the input, in bytes.</param>
/// <param name="FirstName">The normalized first name (empty for a single-name author).</param>
/// <param name="LastName">The normalized last name.</param>
/// <param name="Title">The normalized title.</param>
/// <param name="Publisher">The normalized publisher name.</param>
/// <param name="RejectedField">The column at fault in a rejected row, or <see langword="null"/> when the row as a whole is.</param>
/// <param name="RejectionReason">Why the row cannot be imported; <see langword="null"/> for a good row.</param>
internal readonly record struct ImportRow(
    long LineNumber,
    long ByteOffset,
    string FirstName,
    string LastName,
    string Title,
    string Publisher,
    string? RejectedField,
    string? RejectionReason)
{
    public static ImportRow Rejected(long lineNumber, long byteOffset, string? field, string reason) =>
        new(lineNumber, byteOffset, string.Empty, string.Empty, string.Empty, string.Empty, field, reason);
}
