namespace BookData.Export;

/// <summary>What a CSV export wrote, and what the format could not hold.</summary>
/// <param name="RowsWritten">Data rows written, one per book–publisher pair (the header not counted).</param>
/// <param name="BooksWithoutPublisher">Books with no publisher, which have no row in the format and were left out.</param>
/// <param name="AuthorsWithoutBooks">Authors with no book, which have no row in the format and were left out.</param>
public sealed record ExportSummary(long RowsWritten, long BooksWithoutPublisher, long AuthorsWithoutBooks);
