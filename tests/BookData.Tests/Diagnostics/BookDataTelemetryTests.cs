using System.Diagnostics;
using BookData.Connections;
using BookData.Diagnostics;
using BookData.Migrations;
using BookData.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BookData.Tests.Diagnostics;

[Collection(TelemetryTests.Name)]
public sealed class BookDataTelemetryTests
{
    [Fact]
    public void Names_AreBookData()
    {
        BookDataTelemetry.ActivitySourceName.Should().Be("BookData");
        BookDataTelemetry.MeterName.Should().Be("BookData");
        BookDataTelemetry.ActivitySource.Name.Should().Be("BookData");
        BookDataTelemetry.Meter.Name.Should().Be("BookData");
    }

    [Fact]
    public void StartOperation_ActivityListener_EmitsOneClientActivityWithOperationAndRows()
    {
        using var recorder = new TelemetryRecorder(metrics: false);

        using (var operation = BookDataTelemetry.StartOperation("test.activity"))
        {
            operation.SetRows(3);
        }

        var activity = recorder.Activities.Should().ContainSingle(a => a.OperationName == "test.activity").Which;
        activity.Source.Name.Should().Be(BookDataTelemetry.ActivitySourceName);
        activity.Kind.Should().Be(ActivityKind.Client);
        activity.GetTagItem(BookDataTelemetry.OperationTag).Should().Be("test.activity");
        activity.GetTagItem(BookDataTelemetry.RowsTag).Should().Be(3L);
        activity.GetTagItem("db.system.name").Should().Be("sqlite");
        activity.Status.Should().Be(ActivityStatusCode.Unset);
    }

    [Fact]
    public void StartOperation_Failed_ActivityHasErrorStatusAndMetricsCarryErrorType()
    {
        using var recorder = new TelemetryRecorder();

        using (var operation = BookDataTelemetry.StartOperation("test.failure"))
        {
            operation.SetError(new BookDataConflictException("publisher 'X' still has books."));
        }

        var activity = recorder.Activities.Should().ContainSingle(a => a.OperationName == "test.failure").Which;
        activity.Status.Should().Be(ActivityStatusCode.Error);
        activity.StatusDescription.Should().Be("publisher 'X' still has books.");
        activity.GetTagItem(BookDataTelemetry.ErrorTypeTag).Should().Be(typeof(BookDataConflictException).FullName);
        recorder.For(BookDataTelemetry.OperationsInstrument, "test.failure").Should().ContainSingle()
            .Which.Tags[BookDataTelemetry.ErrorTypeTag].Should().Be(typeof(BookDataConflictException).FullName);
    }

    [Fact]
    public void StartOperation_MeterListener_RecordsOneDurationAndOneCount()
    {
        using var recorder = new TelemetryRecorder(activities: false);

        using (BookDataTelemetry.StartOperation("test.metrics"))
        {
            Thread.Sleep(5);
        }

        recorder.For(BookDataTelemetry.OperationDurationInstrument, "test.metrics").Should().ContainSingle()
            .Which.Value.Should().BeGreaterThan(0);
        recorder.For(BookDataTelemetry.OperationsInstrument, "test.metrics").Should().ContainSingle()
            .Which.Value.Should().Be(1);
    }

    [Fact]
    public void StartOperation_NobodyListeningAndNoLogger_ReturnsTheSharedNoOp()
    {
        var operation = BookDataTelemetry.StartOperation("test.silent");

        operation.Should().BeSameAs(BookDataOperation.None);
        operation.SetRows(1);
        operation.Dispose();
    }

    [Fact]
    public void RecordImportRows_MeterListener_CountsImportedAndSkippedRows()
    {
        using var recorder = new TelemetryRecorder(activities: false);

        BookDataTelemetry.RecordImportRows(imported: 12, skipped: 2);

        var rows = recorder.Measurements.Where(m => m.Instrument == BookDataTelemetry.ImportRowsInstrument).ToList();
        rows.Should().HaveCount(2);
        rows.Should().Contain(m => m.Value == 12 && (string?)m.Tags[BookDataTelemetry.ImportOutcomeTag] == "imported");
        rows.Should().Contain(m => m.Value == 2 && (string?)m.Tags[BookDataTelemetry.ImportOutcomeTag] == "skipped");
    }

    [Fact]
    public void Dispose_OperationSlowerThanThreshold_LogsWarningWithItsName()
    {
        var logs = new LogCollector();
        var factory = new BookDataConnectionFactory(
            new BookDataOptions { ConnectionString = "Data Source=slow.db", SlowStatementThreshold = TimeSpan.FromMilliseconds(1) },
            logs.CreateLogger<BookDataConnectionFactory>());

        using (BookDataTelemetry.StartOperation("test.slow", factory))
        {
            Thread.Sleep(30);
        }

        logs.Entries.Should().ContainSingle(entry => entry.EventId.Name == "SlowOperation")
            .Which.Should().Match<LogCollector.LogEntry>(entry => entry.Level == LogLevel.Warning
                && entry.Message.Contains("test.slow", StringComparison.Ordinal)
                && entry.Message.Contains("threshold of 1 ms", StringComparison.Ordinal));
    }

    [Fact]
    public void Dispose_ThresholdZero_LogsNothing()
    {
        var logs = new LogCollector();
        var factory = new BookDataConnectionFactory(
            new BookDataOptions { ConnectionString = "Data Source=slow.db", SlowStatementThreshold = TimeSpan.Zero },
            logs.CreateLogger<BookDataConnectionFactory>());

        using (BookDataTelemetry.StartOperation("test.unlogged", factory))
        {
            Thread.Sleep(30);
        }

        logs.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task StartAsync_MigrateOnStartup_EmitsMigrationActivityWithAppliedScriptCount()
    {
        await using var database = TestDatabase.CreateEmpty();
        using var recorder = new TelemetryRecorder();
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services => services.AddBookData(options =>
        {
            options.ConnectionString = database.Options.ConnectionString;
            options.MigrateOnStartup = true;
        }));

        await host.StartAsync();
        await host.StopAsync();

        recorder.Activities.Should().ContainSingle(a => a.OperationName == "migrations.migrate")
            .Which.GetTagItem(BookDataTelemetry.RowsTag).Should().Be((long)BookDataMigrator.ScriptNames.Count);
        recorder.For(BookDataTelemetry.OperationsInstrument, "migrations.migrate").Should().ContainSingle();
    }
}
