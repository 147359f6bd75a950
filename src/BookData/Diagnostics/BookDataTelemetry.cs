using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using BookData.Connections;

namespace BookData.Diagnostics;

/// <summary>
/// The names under which BookData publishes traces and metrics, for OpenTelemetry or any
/// <see cref="ActivityListener"/> / <see cref="MeterListener"/>: one <see cref="ActivitySource"/> and one
/// <see cref="Meter"/>, both named <c>BookData</c>.
/// </summary>
/// <remarks>
/// <para>
/// Every repository operation starts one activity named after the operation (for example
/// <c>author.get_by_id</c>), of kind <see cref="ActivityKind.Client"/>, tagged with
/// <c>db.system.name</c> = <c>sqlite</c> or <c>postgresql</c>, <see cref="OperationTag"/> and, when it is known, <see cref="RowsTag"/>
/// (rows returned or written). A failed operation has status <see cref="ActivityStatusCode.Error"/> and the
/// tag <see cref="ErrorTypeTag"/>.
/// </para>
/// <para>
/// Metrics: <see cref="OperationDurationInstrument"/> (histogram, seconds) and <see cref="OperationsInstrument"/>
/// (counter), both tagged with <see cref="OperationTag"/> and, on failure, <see cref="ErrorTypeTag"/>;
/// <see cref="ImportRowsInstrument"/> (counter of CSV rows, tagged with <see cref="ImportOutcomeTag"/>
/// <c>imported</c> or <c>skipped</c>). Nothing is measured or allocated while nobody listens.
/// </para>
/// <para>With OpenTelemetry: <c>.WithTracing(t =&gt; t.AddSource(BookDataTelemetry.ActivitySourceName))</c> and
/// <c>.WithMetrics(m =&gt; m.AddMeter(BookDataTelemetry.MeterName))</c>.</para>
/// </remarks>
public static class BookDataTelemetry
{
    /// <summary>The name of BookData's <see cref="ActivitySource"/>: <c>BookData</c>.</summary>
    public const string ActivitySourceName = "BookData";

    /// <summary>The name of BookData's <see cref="Meter"/>: <c>BookData</c>.</summary>
    public const string MeterName = "BookData";

    /// <summary>Histogram of operation durations in seconds: <c>bookdata.operation.duration</c>.</summary>
    public const string OperationDurationInstrument = "bookdata.operation.duration";

    /// <summary>Counter of completed operations, successful or not: <c>bookdata.operations</c>.</summary>
    public const string OperationsInstrument = "bookdata.operations";

    /// <summary>Counter of CSV rows processed by imports: <c>bookdata.import.rows</c>.</summary>
    public const string ImportRowsInstrument = "bookdata.import.rows";

    /// <summary>Tag naming the operation, for example <c>author.get_by_id</c>: <c>db.operation.name</c>.</summary>
    public const string OperationTag = "db.operation.name";

    /// <summary>Activity tag with the number of rows the operation returned or wrote: <c>bookdata.rows</c>.</summary>
    public const string RowsTag = "bookdata.rows";

    /// <summary>Tag with the exception type of a failed operation: <c>error.type</c>.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>Tag of <see cref="ImportRowsInstrument"/>: <c>imported</c> or <c>skipped</c>. Name: <c>bookdata.import.outcome</c>.</summary>
    public const string ImportOutcomeTag = "bookdata.import.outcome";

    private const string SystemTag = "db.system.name";

    private static readonly string? Version = typeof(BookDataTelemetry).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName, Version);

    internal static readonly Meter Meter = new(MeterName, Version);

    internal static readonly Histogram<double> OperationDuration = Meter.CreateHistogram(
        OperationDurationInstrument,
        unit: "s",
        description: "Duration of BookData operations, from opening the connection to the last row.",
        tags: null,
        advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        });

    internal static readonly Counter<long> Operations = Meter.CreateCounter<long>(
        OperationsInstrument,
        unit: "{operation}",
        description: "BookData operations completed, successful or not.");

    internal static readonly Counter<long> ImportRows = Meter.CreateCounter<long>(
        ImportRowsInstrument,
        unit: "{row}",
        description: "CSV rows processed by BookData imports, by outcome.");

    /// <summary>
    /// Starts tracing and timing one operation; dispose the result when the operation ends.
    /// Returns a shared no-op instance when nobody listens and no slow-statement log applies.
    /// </summary>
    /// <param name="operation">A stable, low-cardinality name such as <c>author.get_by_id</c>; never user text.</param>
    /// <param name="connectionFactory">The factory the operation uses, which carries the slow-statement logger and threshold; <see langword="null"/> for none.</param>
    /// <returns>The operation to tag with rows or an error and to dispose.</returns>
    internal static BookDataOperation StartOperation(string operation, BookDataConnectionFactory? connectionFactory = null)
    {
        var slowLogger = connectionFactory?.SlowStatementLogger;
        var activity = ActivitySource.HasListeners()
            ? ActivitySource.StartActivity(operation, ActivityKind.Client)
            : null;
        if (activity is null && slowLogger is null && !OperationDuration.Enabled && !Operations.Enabled)
        {
            return BookDataOperation.None;
        }

        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(SystemTag, connectionFactory?.CatalogProvider.SystemName ?? "sqlite");
            activity.SetTag(OperationTag, operation);
        }

        return new BookDataOperation(operation, activity, slowLogger, connectionFactory?.SlowStatementThreshold ?? TimeSpan.Zero);
    }

    /// <summary>Counts the rows one import took in and the rows it skipped.</summary>
    /// <param name="imported">Rows imported (including rows that were already in the catalog).</param>
    /// <param name="skipped">Bad rows skipped.</param>
    internal static void RecordImportRows(long imported, long skipped)
    {
        if (!ImportRows.Enabled)
        {
            return;
        }

        if (imported > 0)
        {
            ImportRows.Add(imported, new KeyValuePair<string, object?>(ImportOutcomeTag, "imported"));
        }

        if (skipped > 0)
        {
            ImportRows.Add(skipped, new KeyValuePair<string, object?>(ImportOutcomeTag, "skipped"));
        }
    }
}
