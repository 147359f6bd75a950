using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace BookData.Diagnostics;

/// <summary>
/// One traced and timed operation, started by <see cref="BookDataTelemetry.StartOperation"/>:
/// <c>using var operation = BookDataTelemetry.StartOperation("author.get_by_id", connectionFactory);</c>,
/// then <see cref="SetRows"/> with the rows it returned or wrote, <see cref="SetError"/> when it fails.
/// Disposing it ends the activity, records the duration and count, and logs the operation when it
/// was slower than the threshold.
/// </summary>
internal sealed class BookDataOperation : IDisposable
{
    /// <summary>The shared instance returned when nothing listens: every member does nothing.</summary>
    internal static readonly BookDataOperation None = new(null, null, null, TimeSpan.Zero);

    private readonly string? name;
    private readonly Activity? activity;
    private readonly ILogger? slowLogger;
    private readonly TimeSpan slowThreshold;
    private readonly long startTimestamp;
    private long? rows;
    private string? errorType;
    private bool disposed;

    internal BookDataOperation(string? name, Activity? activity, ILogger? slowLogger, TimeSpan slowThreshold)
    {
        this.name = name;
        this.activity = activity;
        this.slowLogger = slowLogger;
        this.slowThreshold = slowThreshold;
        startTimestamp = name is null ? 0 : Stopwatch.GetTimestamp();
    }

    /// <summary>Records how many rows the operation returned or wrote.</summary>
    /// <param name="count">The number of rows.</param>
    public void SetRows(long count)
    {
        if (name is not null)
        {
            rows = count;
        }
    }

    /// <summary>Marks the operation as failed with the exception that ended it.</summary>
    /// <param name="exception">The failure.</param>
    public void SetError(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (name is null)
        {
            return;
        }

        errorType = exception.GetType().FullName;
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
    }

    /// <summary>Ends the activity and records the measurements; only the first call counts.</summary>
    public void Dispose()
    {
        if (name is null || disposed)
        {
            return;
        }

        disposed = true;
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp);

        if (activity is not null)
        {
            if (rows is { } count)
            {
                activity.SetTag(BookDataTelemetry.RowsTag, count);
            }

            if (errorType is not null)
            {
                activity.SetTag(BookDataTelemetry.ErrorTypeTag, errorType);
            }

            activity.Dispose();
        }

        if (BookDataTelemetry.OperationDuration.Enabled || BookDataTelemetry.Operations.Enabled)
        {
            var tags = new TagList { { BookDataTelemetry.OperationTag, name } };
            if (errorType is not null)
            {
                tags.Add(BookDataTelemetry.ErrorTypeTag, errorType);
            }

            BookDataTelemetry.OperationDuration.Record(elapsed.TotalSeconds, tags);
            BookDataTelemetry.Operations.Add(1, tags);
        }

        if (slowLogger is not null && slowThreshold > TimeSpan.Zero && elapsed > slowThreshold)
        {
            BookDataLog.SlowOperation(slowLogger, name, (long)elapsed.TotalMilliseconds, (long)slowThreshold.TotalMilliseconds);
        }
    }
}
