using BookData.Authors;
using BookData.Diagnostics;
using BookData.Publishers;
using BookData.Reports;
using BookData.Tests.Support;

namespace BookData.Tests.Diagnostics;

public abstract class RepositoryTelemetryTests
{
    protected abstract BookDataProvider Provider { get; }

    [ProviderFact]
    public async Task BooksPerPublisherAsync_ActivityListener_EmitsActivityWithTheRowCount()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await SampleCatalog.LoadAsync(database);
        using var recorder = new TelemetryRecorder();

        var rows = await new CatalogReports(database.Factory).BooksPerPublisherAsync();

        rows.Should().HaveCount(4);
        recorder.Activities.Should().ContainSingle(a => a.OperationName == "report.books_per_publisher")
            .Which.GetTagItem(BookDataTelemetry.RowsTag).Should().Be(4L);
        recorder.For(BookDataTelemetry.OperationDurationInstrument, "report.books_per_publisher").Should().ContainSingle();
        recorder.For(BookDataTelemetry.OperationsInstrument, "report.books_per_publisher").Should().ContainSingle()
            .Which.Tags.Should().NotContainKey(BookDataTelemetry.ErrorTypeTag);
    }

    [ProviderFact]
    public async Task ListAsync_ActivityListener_RowsAreTheItemsOnThePage()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await SampleCatalog.LoadAsync(database);
        using var recorder = new TelemetryRecorder(metrics: false);

        var page = await new AuthorRepository(database.Factory).ListAsync(pageNumber: 1, pageSize: 5);

        page.Items.Should().HaveCount(5);
        recorder.Activities.Should().ContainSingle(a => a.OperationName == "author.list")
            .Which.GetTagItem(BookDataTelemetry.RowsTag).Should().Be(5L);
    }

    [ProviderFact]
    public async Task GetByIdAsync_NoSuchAuthor_ActivityReportsZeroRows()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        using var recorder = new TelemetryRecorder(metrics: false);

        var author = await new AuthorRepository(database.Factory).GetByIdAsync(42);

        author.Should().BeNull();
        recorder.Activities.Should().ContainSingle(a => a.OperationName == "author.get_by_id")
            .Which.GetTagItem(BookDataTelemetry.RowsTag).Should().Be(0L);
    }

    [ProviderFact]
    public async Task AddAsync_DuplicatePublisher_ActivityAndMetricsCarryTheBookDataErrorType()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var publishers = new PublisherRepository(database.Factory);
        await publishers.AddAsync("Random House");
        using var recorder = new TelemetryRecorder();

        var act = () => publishers.AddAsync("random house");

        await act.Should().ThrowAsync<BookDataDuplicateException>();
        var errorType = typeof(BookDataDuplicateException).FullName;
        recorder.Activities.Should().ContainSingle(a => a.OperationName == "publisher.add")
            .Which.GetTagItem(BookDataTelemetry.ErrorTypeTag).Should().Be(errorType);
        recorder.For(BookDataTelemetry.OperationsInstrument, "publisher.add").Should().ContainSingle()
            .Which.Tags[BookDataTelemetry.ErrorTypeTag].Should().Be(errorType);
        (await database.CountAsync("publisher")).Should().Be(1);
    }
}
