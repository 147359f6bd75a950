namespace BookData.Import;

/// <summary>How far a CSV import has got.</summary>
/// <param name="RowsRead">Data rows read so far (the header and blank lines not counted, skipped rows counted).</param>
/// <param name="BytesRead">Bytes of the input consumed so far, up to the start of the current row.</param>
/// <param name="TotalBytes">The length of the input when the stream knows it (files do); otherwise <see langword="null"/>.</param>
public sealed record ImportProgress(long RowsRead, long BytesRead, long? TotalBytes);
