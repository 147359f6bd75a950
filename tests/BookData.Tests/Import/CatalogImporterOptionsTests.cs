using System.Globalization;
using System.Text;
using BookData.Import;
using BookData.Tests.Support;

namespace BookData.Tests.Import;

public abstract class CatalogImporterOptionsTests
{
    private const string Header = "first_name,last_name,title,publisher\n";

    /// <summary>The provider the tests run against.</summary>
    protected abstract BookDataProvider Provider { get; }

    /// <summary>
    /// A query for the per-connection settings an import changes while it runs, and what it returns once they are back
    /// to normal. SQLite: the page cache (<see cref="ImportOptions.CacheSizeMiB"/>) and foreign keys; PostgreSQL, where
    /// <see cref="ImportOptions.CacheSizeMiB"/> does not apply: the transaction's work_mem and enable_nestloop and the
    /// temporary staging table.
    /// </summary>
    protected abstract (string Sql, string[] Normal) ImportConnectionSettings { get; }

    /// <summary>Closes the idle pooled connections of <paramref name="db"/>, so the next one opened is the importer's.</summary>
    protected abstract Task ClearConnectionPoolAsync(TestDatabase db);

    [ProviderFact]
    public async Task ImportAsync_SkipMode_ImportsGoodRowsAndListsEachBadOne()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        using var file = TempFile.WithText(Header
            + "Isaac,Asimov,Foundation,Random House\n"
            + "Pearl,Buck,,Random House\n"
            + "Tom,Clancy,\"Patriot\nGames\",Berkley\n"
            + "John,Le Carre,Tinker, Tailor,Berkley\n"
            + "\n"
            + "Alex,Michaelides,The Silent Patient,\n"
            + "Carol,Shaben,Into The Abyss,Simon & Schuster\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path, new ImportOptions { OnError = ImportErrorMode.Skip });

        summary.Should().BeEquivalentTo(new { RowsRead = 6L, RowsImported = 3L, AuthorsAdded = 3L, BooksAdded = 3L, LinksAdded = 3L });
        summary.SkippedRows.Should().Equal(
            new SkippedRow(3, "title", "the title is required and cannot be empty or white space"),
            new SkippedRow(6, null, "the row does not have the header's 4 fields; a value that contains a comma must be enclosed in quotes"),
            new SkippedRow(8, "publisher", "the publisher is required and cannot be empty or white space"));
        (await CatalogDump.LinksAsync(db)).Should().Equal(
            "Carol|Shaben|Into The Abyss|Simon & Schuster",
            "Isaac|Asimov|Foundation|Random House",
            "Tom|Clancy|Patriot Games|Berkley");
    }

    [ProviderFact]
    public async Task ImportAsync_SkipModeWithMoreBadRowsInARowThanABatch_ListsEveryOneInOrder()
    {
        // The parser reports malformed rows while it looks for the next good one, so they all join one batch.
        await using var db = await TestDatabase.CreateAsync(Provider);
        const int badRows = 5000;
        var text = new StringBuilder(Header).Append("Isaac,Asimov,Foundation,Random House\n");
        for (var i = 0; i < badRows; i++)
        {
            text.Append("a,b,c,d,e\n");
        }

        using var file = TempFile.WithText(text.Append("Tom,Clancy,Patriot Games,Berkley\n").ToString());

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path, new ImportOptions { OnError = ImportErrorMode.Skip });

        summary.Should().BeEquivalentTo(new { RowsRead = badRows + 2L, RowsImported = 2L, LinksAdded = 2L });
        summary.SkippedRows.Select(row => row.LineNumber).Should().Equal(Enumerable.Range(3, badRows).Select(line => (long)line));
        (await CatalogDump.LinksAsync(db)).Should().Equal("Isaac|Asimov|Foundation|Random House", "Tom|Clancy|Patriot Games|Berkley");
    }

    [ProviderFact]
    public async Task ImportAsync_SkipModeWithUnterminatedQuote_SkipsOnlyItsFirstLine()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        using var file = TempFile.WithText(Header
            + "Isaac,Asimov,Foundation,Random House\n"
            + "Pearl,Buck,\"The Good Earth,Random House\n"
            + "Tom,Clancy,Patriot Games,Berkley\n");

        var summary = await new CatalogImporter(db.Factory).ImportAsync(file.Path, new ImportOptions { OnError = ImportErrorMode.Skip });

        summary.SkippedRows.Should().Equal(new SkippedRow(3, null, "a quoted value is never closed (unterminated quote)") { LastLineNumber = 4 });
        (await CatalogDump.LinksAsync(db)).Should().Equal("Isaac|Asimov|Foundation|Random House", "Tom|Clancy|Patriot Games|Berkley");
    }

    [ProviderFact]
    public async Task ImportAsync_SkipModeBeyondMaxSkippedRows_FailsAndWritesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        using var file = TempFile.WithText(Header
            + "Isaac,Asimov,Foundation,Random House\n"
            + ",,,\n"
            + ",,,\n"
            + ",,,\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(
            file.Path, new ImportOptions { OnError = ImportErrorMode.Skip, MaxSkippedRows = 2 });

        var error = (await act.Should().ThrowAsync<BookDataImportException>()).Which;
        error.LineNumber.Should().Be(5);
        error.Reason.Should().EndWith("that is more than 2 bad rows (MaxSkippedRows), so the import was abandoned");
        (await db.CountAsync("author")).Should().Be(0);
    }

    [ProviderFact]
    public async Task ImportAsync_SkipModeWithBadHeader_StillFails()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        using var file = TempFile.WithText("name,title\nAsimov,Foundation\n");

        var act = () => new CatalogImporter(db.Factory).ImportAsync(file.Path, new ImportOptions { OnError = ImportErrorMode.Skip });

        (await act.Should().ThrowAsync<BookDataImportException>()).Which.Field.Should().Be("first_name");
    }

    [ProviderFact]
    public async Task ImportAsync_CancelledMidImport_LeavesTheDatabaseAsBefore()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await new CatalogImporter(db.Factory).ImportAsync(Import.CatalogImporterTests.SamplePath);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText(Rows(2000));
        using var cancellation = new CancellationTokenSource();
        long rowsWhenCancelled = 0;
        var progress = new SyncProgress<ImportProgress>(report =>
        {
            if (report.RowsRead >= 1000 && !cancellation.IsCancellationRequested)
            {
                rowsWhenCancelled = report.RowsRead;
                cancellation.Cancel();
            }
        });

        var act = () => new CatalogImporter(db.Factory).ImportAsync(
            file.Path, new ImportOptions { ProgressInterval = 100 }, progress, cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        rowsWhenCancelled.Should().Be(1000);
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderFact]
    public async Task ImportAsync_CancelledMidImportIntoEmptyCatalog_LeavesItEmptyWithItsIndexes()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var before = await CatalogDump.AllRowsAsync(db);
        using var file = TempFile.WithText(Rows(2000));
        using var cancellation = new CancellationTokenSource();
        var progress = new SyncProgress<ImportProgress>(report =>
        {
            if (report.RowsRead >= 500)
            {
                cancellation.Cancel();
            }
        });

        var act = () => new CatalogImporter(db.Factory).ImportAsync(
            file.Path, new ImportOptions { ProgressInterval = 100 }, progress, cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderFact]
    public async Task ImportAsync_AlreadyCancelled_ReadsNothing()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var act = () => new CatalogImporter(db.Factory).ImportAsync(Import.CatalogImporterTests.SamplePath, cancellationToken: cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await db.CountAsync("author")).Should().Be(0);
    }

    [ProviderFact]
    public async Task ImportAsync_Progress_IsReportedEveryIntervalAndAtTheEnd()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        using var file = TempFile.WithText(Rows(1050));
        var length = new FileInfo(file.Path).Length;
        var reports = new List<ImportProgress>();

        await new CatalogImporter(db.Factory).ImportAsync(
            file.Path, new ImportOptions { ProgressInterval = 250 }, new SyncProgress<ImportProgress>(reports.Add));

        reports.Select(report => report.RowsRead).Should().Equal(250, 500, 750, 1000, 1050);
        reports.Should().AllSatisfy(report => report.TotalBytes.Should().Be(length));
        reports.Select(report => report.BytesRead).Should().BeInAscendingOrder().And.OnlyContain(bytes => bytes > 0);
        reports[^1].BytesRead.Should().Be(length);
    }

    [ProviderFact]
    public async Task ImportAsync_ProgressOnANonSeekableStream_HasNoTotal()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        using var stream = new ForwardOnlyStream(Encoding.UTF8.GetBytes(Rows(10)));
        var reports = new List<ImportProgress>();

        await new CatalogImporter(db.Factory).ImportAsync(
            stream, new ImportOptions { ProgressInterval = 5 }, new SyncProgress<ImportProgress>(reports.Add));

        reports.Select(report => report.RowsRead).Should().Equal(5, 10, 10);
        reports.Should().OnlyContain(report => report.TotalBytes == null);
    }

    [ProviderTheory]
    [InlineData(0, 64, 1)]
    [InlineData(100, 0, 1)]
    [InlineData(100, 4097, 1)]
    [InlineData(100, 64, 0)]
    public async Task ImportAsync_OutOfRangeOptions_Throw(int progressInterval, int cacheSizeMiB, int maxSkippedRows)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var options = new ImportOptions { ProgressInterval = progressInterval, CacheSizeMiB = cacheSizeMiB, MaxSkippedRows = maxSkippedRows };

        var act = () => new CatalogImporter(db.Factory).ImportAsync(Import.CatalogImporterTests.SamplePath, options);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
        (await db.CountAsync("author")).Should().Be(0);
    }

    [ProviderFact]
    public async Task ImportAsync_ConnectionAfterwards_HasItsOwnSettingsBack()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await ClearConnectionPoolAsync(db);
        await new CatalogImporter(db.Factory).ImportAsync(Import.CatalogImporterTests.SamplePath, new ImportOptions { CacheSizeMiB = 128 });

        // The pool now holds only the importer's connection, and hands it back.
        var settings = await CatalogDump.QueryAsync(db, ImportConnectionSettings.Sql);

        settings.Should().ContainSingle().Which.Should().Equal(ImportConnectionSettings.Normal);
    }

    private static string Rows(int count)
    {
        var text = new StringBuilder(Header);
        for (var i = 0; i < count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"First{i % 97},Last{i % 89},Title {i},Publisher {i % 13}\n");
        }

        return text.ToString();
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
