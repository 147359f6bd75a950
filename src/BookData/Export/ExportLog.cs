using Microsoft.Extensions.Logging;

namespace BookData.Export;

/// <summary>The export's log entries.</summary>
internal static partial class ExportLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "Exported {RowsWritten} rows to {Destination} in {ElapsedMilliseconds} ms; left out {BooksWithoutPublisher} books without publisher and {AuthorsWithoutBooks} authors without books")]
    public static partial void Exported(
        ILogger logger, string destination, long rowsWritten, long elapsedMilliseconds, long booksWithoutPublisher, long authorsWithoutBooks);
}
