using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using BookData.Diagnostics;

namespace BookData.Tests.Support;

/// <summary>Listens to BookData's ActivitySource and Meter and keeps what they emit.</summary>
public sealed class TelemetryRecorder : IDisposable
{
    private readonly ActivityListener activityListener;
    private readonly MeterListener meterListener;
    private readonly ConcurrentQueue<Activity> activities = new();
    private readonly ConcurrentQueue<Measurement> measurements = new();

    public TelemetryRecorder(bool activities = true, bool metrics = true)
    {
        activityListener = new ActivityListener
        {
            ShouldListenTo = source => activities && source.Name == BookDataTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = this.activities.Enqueue,
        };
        ActivitySource.AddActivityListener(activityListener);

        meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (metrics && instrument.Meter.Name == BookDataTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            measurements.Enqueue(new Measurement(instrument.Name, value, ToDictionary(tags))));
        meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Enqueue(new Measurement(instrument.Name, value, ToDictionary(tags))));
        meterListener.Start();
    }

    public IReadOnlyList<Activity> Activities => activities.ToArray();

    public IReadOnlyList<Measurement> Measurements => measurements.ToArray();

    public IEnumerable<Measurement> For(string instrument, string operation) =>
        Measurements.Where(m => m.Instrument == instrument
            && m.Tags.TryGetValue(BookDataTelemetry.OperationTag, out var name) && (string?)name == operation);

    public void Dispose()
    {
        activityListener.Dispose();
        meterListener.Dispose();
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
}
