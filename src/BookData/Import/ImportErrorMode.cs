namespace BookData.Import;

/// <summary>What a CSV import does with a row it cannot accept.</summary>
public enum ImportErrorMode
{
    /// <summary>The first bad row ends the import with a <see cref="BookDataImportException"/> and nothing is written (the default).</summary>
    Fail = 0,

    /// <summary>Bad rows are left out and listed in <see cref="ImportSummary.SkippedRows"/>; the good rows are imported in the same transaction.</summary>
    Skip = 1,
}
