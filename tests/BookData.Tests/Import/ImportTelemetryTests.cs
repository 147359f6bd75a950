using System.Diagnostics;
using System.Text;
using BookData.Diagnostics;
using BookData.Export;
using BookData.Import;
using BookData.Tests.Support;

namespace BookData.Tests.Import;

/// <summary>
/// Listeners are process-wide and other tests import in parallel, so each test runs under a parent
/// activity of its own and looks only at the activities in that trace.
/// </summary>
public abstract class ImportTelemetryTests
{
    /// <summary>The provider the tests run against.</summary>
    protected abstract BookDataProvider Provider { get; }

    [ProviderFact]
    public async Task ImportAsync_Listeners_SeeOneActivityAndTheImportedAndSkippedRows()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var text = new StringBuilder("first_name,last_name,title,publisher\n");
        for (var i = 0; i < 7; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"First,Last,Title {i},Publisher\n");
        }

        text.Append(",,,\n,,,\n,,,\n,,,\n");
        using var file = TempFile.WithText(text.ToString());
        using var recorder = new TelemetryRecorder();
        using var parent = new Activity(nameof(ImportAsync_Listeners_SeeOneActivityAndTheImportedAndSkippedRows)).Start();

        await new CatalogImporter(db.Factory).ImportAsync(file.Path, new ImportOptions { OnError = ImportErrorMode.Skip });

        recorder.Activities.Where(a => a.TraceId == parent.TraceId).Should().ContainSingle(a => a.OperationName == "catalog.import")
            .Which.GetTagItem(BookDataTelemetry.RowsTag).Should().Be(11L);
        var rows = recorder.Measurements.Where(m => m.Instrument == BookDataTelemetry.ImportRowsInstrument).ToList();
        rows.Should().Contain(m => m.Value == 7 && (string?)m.Tags[BookDataTelemetry.ImportOutcomeTag] == "imported");
        rows.Should().Contain(m => m.Value == 4 && (string?)m.Tags[BookDataTelemetry.ImportOutcomeTag] == "skipped");
    }

    [ProviderFact]
    public async Task ImportAsync_Failure_MarksTheActivityWithItsErrorType()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        using var file = TempFile.WithText("first_name,last_name,title\nIsaac,Asimov,Foundation\n");
        using var recorder = new TelemetryRecorder(metrics: false);
        using var parent = new Activity(nameof(ImportAsync_Failure_MarksTheActivityWithItsErrorType)).Start();

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path);

        await act.Should().ThrowAsync<BookDataImportException>();
        var activity = recorder.Activities.Where(a => a.TraceId == parent.TraceId).Should().ContainSingle(a => a.OperationName == "catalog.import").Which;
        activity.Status.Should().Be(ActivityStatusCode.Error);
        activity.GetTagItem(BookDataTelemetry.ErrorTypeTag).Should().Be(typeof(BookDataImportException).FullName);
    }

    [ProviderFact]
    public async Task ExportAsync_ActivityListener_SeesTheRowsWritten()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await new CatalogImporter(db.Factory).ImportAsync(CatalogImporterTests.SamplePath);
        using var recorder = new TelemetryRecorder(metrics: false);
        using var parent = new Activity(nameof(ExportAsync_ActivityListener_SeesTheRowsWritten)).Start();

        await new CatalogExporter(db.Factory).ExportAsync(Stream.Null);

        recorder.Activities.Where(a => a.TraceId == parent.TraceId).Should().ContainSingle(a => a.OperationName == "catalog.export")
            .Which.GetTagItem(BookDataTelemetry.RowsTag).Should().Be(12L);
    }
}
