namespace BookData.Import;

/// <summary>What a CSV import did.</summary>
/// <param name="RowsRead">
/// Data records read (the header and blank lines not counted), including skipped ones. A skipped record that ran
/// on over several lines is left out from its first line only, and the lines after it are read again as rows of
/// their own, so they can count twice here; <see cref="LinesRead"/> counts each line once.
/// </param>
/// <param name="AuthorsAdded">Authors that were not in the catalog before.</param>
/// <param name="BooksAdded">Books that were not in the catalog before.</param>
/// <param name="PublishersAdded">Publishers that were not in the catalog before.</param>
/// <param name="LinksAdded">Book–publisher links that were not in the catalog before.</param>
/// <param name="SkippedRows">The rows left out with <see cref="ImportErrorMode.Skip"/>, in file order; always empty with <see cref="ImportErrorMode.Fail"/>.</param>
public sealed record ImportSummary(
    long RowsRead,
    long AuthorsAdded,
    long BooksAdded,
    long PublishersAdded,
    long LinksAdded,
    IReadOnlyList<SkippedRow> SkippedRows)
{
    /// <summary>Rows imported: <see cref="RowsRead"/> minus the skipped ones. A row that was already in the catalog counts as imported.</summary>
    public long RowsImported => RowsRead - SkippedRows.Count;

    /// <summary>
    /// Physical lines in the input: the header, blank lines and the lines inside quoted values included (a
    /// file's line count, as <c>wc -l</c> gives it when the last line ends with a line break).
    /// </summary>
    public long LinesRead { get; init; }
}
