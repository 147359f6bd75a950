using Microsoft.Extensions.Logging;

namespace BookData.Import;

/// <summary>The import's log entries.</summary>
internal static partial class ImportLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Imported {Source}: {RowsRead} rows read, {AuthorsAdded} authors, {BooksAdded} books, {PublishersAdded} publishers and {LinksAdded} links added, {RowsSkipped} rows skipped, in {ElapsedMilliseconds} ms")]
    public static partial void Imported(
        ILogger logger, string source, long rowsRead, long authorsAdded, long booksAdded, long publishersAdded, long linksAdded, int rowsSkipped, long elapsedMilliseconds);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Skipped {Source}, line {LineNumber}: {Reason}")]
    public static partial void SkippedRow(ILogger logger, string source, long lineNumber, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Import of {Source} failed and was rolled back: {Reason}")]
    public static partial void Failed(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Import of {Source} was cancelled and rolled back after {RowsRead} rows")]
    public static partial void Cancelled(ILogger logger, string source, long rowsRead);
}
