namespace BookData.Import;

/// <summary>
/// One data row of the input: its ids resolved and the normalized values of the entities it adds, or why
/// it cannot be imported. A row read without id matching (the PostgreSQL import, which matches in the
/// database) carries all four normalized values and no ids.
/// </summary>
/// <param name="LineNumber">The 1-based physical line where the row starts.</param>
/// <param name="ByteOffset">Where the row starts in the input, in bytes.</param>
/// <param name="FirstName">The normalized first name of a new author (empty for a single-name author); empty when the author exists.</param>
/// <param name="LastName">The normalized last name of a new author; empty when the author exists.</param>
/// <param name="Title">The normalized title of a new book; empty when the book exists.</param>
/// <param name="Publisher">The normalized name of a new publisher; empty when the publisher exists.</param>
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
    /// <summary>The author's id, new or existing; set by <see cref="Sqlite.CatalogIds.Resolve"/>.</summary>
    public long AuthorId { get; init; }

    /// <summary>The publisher's id, new or existing.</summary>
    public long PublisherId { get; init; }

    /// <summary>The book's id, new or existing.</summary>
    public long BookId { get; init; }

    /// <summary>Which of the row's entities are new and must be inserted.</summary>
    public ImportRowAdds Adds { get; init; }

    /// <summary>
    /// For a rejected row, the physical line where its record ends, or where reading it stopped when its CSV is
    /// bad; 0 when not set (a good row, or a rejected row on one line).
    /// </summary>
    public long LastLineNumber { get; init; }

    public static ImportRow Rejected(long lineNumber, long byteOffset, string? field, string reason) =>
        new(lineNumber, byteOffset, string.Empty, string.Empty, string.Empty, string.Empty, field, reason);
}
