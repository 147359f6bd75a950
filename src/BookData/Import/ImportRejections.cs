namespace BookData.Import;

/// <summary>
/// Decides what happens to each row an import cannot accept: with <see cref="ImportErrorMode.Fail"/> the
/// first one ends the import; with <see cref="ImportErrorMode.Skip"/> it is listed, up to the limit.
/// </summary>
internal sealed class ImportRejections(string sourceName, ImportOptions options)
{
    private readonly List<SkippedRow> skipped = [];

    public IReadOnlyList<SkippedRow> Skipped => skipped;

    /// <summary>Rejects one row: throws with <see cref="ImportErrorMode.Fail"/> (or past the limit), lists it otherwise.</summary>
    /// <param name="row">The rejected row.</param>
    /// <param name="reason">Its <see cref="ImportRow.RejectionReason"/>.</param>
    /// <exception cref="BookDataImportException">The import must stop.</exception>
    public void Reject(in ImportRow row, string reason)
    {
        var lineNumber = row.LineNumber;
        var field = row.RejectedField;
        if (options.OnError == ImportErrorMode.Fail)
        {
            throw new BookDataImportException(sourceName, lineNumber, field, reason);
        }

        if (skipped.Count >= options.MaxSkippedRows)
        {
            throw new BookDataImportException(
                sourceName,
                lineNumber,
                field,
                $"{reason}; that is more than {options.MaxSkippedRows} bad rows (MaxSkippedRows), so the import was abandoned");
        }

        skipped.Add(row.LastLineNumber > lineNumber
            ? new SkippedRow(lineNumber, field, reason) { LastLineNumber = row.LastLineNumber }
            : new SkippedRow(lineNumber, field, reason));
    }
}
