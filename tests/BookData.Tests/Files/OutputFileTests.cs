using BookData.Export;
using BookData.Files;
using BookData.Import;
using BookData.Tests.Import;
using BookData.Tests.Support;

namespace BookData.Tests.Files;

/// <summary>
/// The output-path guard every file-writing API runs: never the catalog's own files, by any name; only regular files;
/// symbolic links followed. Each refusal is checked through <see cref="CatalogExporter"/>, a library caller's way in.
/// </summary>
public sealed class OutputFileTests
{
    public static TheoryData<string> DatabaseSpellings => new()
    {
        "same path",
        "dotted path",
        "symbolic link",
        "hard link",
        "link to the folder",
        "link climbing out of a linked folder",
        "-wal",
        "-shm",
        "-journal",
        "hard link of -wal",
    };

    [Theory]
    [MemberData(nameof(DatabaseSpellings))]
    public async Task ExportAsync_PathIsTheCatalogsDatabaseOrItsCompanion_ThrowsAndLeavesTheCatalogIntact(string spelling)
    {
        if (!OperatingSystem.IsLinux() && spelling.Contains("hard link", StringComparison.Ordinal))
        {
            return;
        }

        await using var db = await SampleCatalogAsync();
        using var folder = TempFile.NotCreated();

        // An open connection keeps the -wal and -shm files in place while the export runs.
        await using var open = await db.Factory.OpenAsync();
        var before = await CatalogDump.AllRowsAsync(db);
        var path = DatabasePaths.PathFor(spelling, db.Path, folder.Folder);
        var walBefore = await File.ReadAllBytesAsync(db.Path + "-wal");

        var act = () => new CatalogExporter(db.Factory).ExportAsync(path);

        var error = (await act.Should().ThrowAsync<BookDataException>()).Which;
        if (spelling == "hard link")
        {
            // The link gives the catalog a second name: the hard-link rule may refuse the exporter's connection first.
            error.Message.Should().Contain(db.Path).And.ContainAny("Choose another file", "2 hard links");
            File.Delete(path);
        }
        else
        {
            error.Should().BeOfType<BookDataValidationException>().Which.Field.Should().Be("path");
            error.Message.Should().Contain(path).And.Contain(db.Path).And.Contain("Choose another file");
        }

        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
        (await File.ReadAllBytesAsync(db.Path + "-wal")).Should().Equal(walBefore);
        File.Exists(db.Path + "-journal").Should().BeFalse();
        // The exporter's temporary file is ".<file>.<guid>.tmp" beside the target; other programs' files in a shared folder do not count.
        Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(Path.GetFullPath(path))}.*.tmp").Should().BeEmpty();
    }

    [Fact]
    public async Task ExportAsync_SymbolicLinkToACsvFile_ReplacesTheTargetAndKeepsTheLink()
    {
        await using var db = await SampleCatalogAsync();
        using var target = TempFile.WithText("old content", "target.csv");
        var link = Path.Combine(target.Folder, "latest.csv");
        File.CreateSymbolicLink(link, "target.csv");

        var summary = await new CatalogExporter(db.Factory).ExportAsync(link);

        summary.RowsWritten.Should().Be(12);
        new FileInfo(link).LinkTarget.Should().Be("target.csv");
        (await File.ReadAllLinesAsync(target.Path)).Should().HaveCount(13);
        Directory.GetFiles(target.Folder).Order().Should().Equal(link, target.Path);
    }

    [Fact]
    public async Task ExportAsync_DanglingSymbolicLink_CreatesTheFileItPointsTo()
    {
        await using var db = await SampleCatalogAsync();
        using var folder = TempFile.NotCreated("new.csv");
        var link = Path.Combine(folder.Folder, "latest.csv");
        File.CreateSymbolicLink(link, folder.Path);

        await new CatalogExporter(db.Factory).ExportAsync(link);

        new FileInfo(link).LinkTarget.Should().Be(folder.Path);
        (await File.ReadAllLinesAsync(folder.Path)).Should().HaveCount(13);
    }

    [Fact]
    public async Task ExportAsync_Folder_ThrowsAndLeavesTheFolderAlone()
    {
        await using var db = await SampleCatalogAsync();
        using var folder = TempFile.WithText("keep", "inside.txt");

        var act = () => new CatalogExporter(db.Factory).ExportAsync(folder.Folder);

        (await act.Should().ThrowAsync<BookDataValidationException>()).Which.Message.Should().Contain(folder.Folder).And.Contain("is a folder");
        Directory.GetFileSystemEntries(folder.Folder).Should().Equal(folder.Path);
    }

    [Fact]
    public async Task ExportAsync_Fifo_ThrowsAndLeavesTheFifo()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var db = await SampleCatalogAsync();
        using var fifo = TempFile.NotCreated("pipe");
        FileLinks.CreateFifo(fifo.Path);

        var act = () => new CatalogExporter(db.Factory).ExportAsync(fifo.Path);

        (await act.Should().ThrowAsync<BookDataValidationException>()).Which.Message.Should().Contain("FIFO");
        (File.GetUnixFileMode(fifo.Path) & UnixFileMode.UserRead).Should().Be(UnixFileMode.UserRead);
        Directory.GetFileSystemEntries(fifo.Folder).Should().Equal(fifo.Path);
        new FileInfo(fifo.Path).Length.Should().Be(0);
    }

    [Fact]
    public async Task Resolve_Device_Throws()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var db = await TestDatabase.CreateAsync();

        var act = () => OutputFile.Resolve("/dev/null", db.Factory);

        act.Should().Throw<BookDataValidationException>().Which.Message.Should().Contain("'/dev/null'").And.Contain("device");
    }

    [Fact]
    public async Task Resolve_SymbolicLinkToAnotherFile_ReturnsTheTarget()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var target = TempFile.WithText("x", "target.csv");
        var link = Path.Combine(target.Folder, "link.csv");
        File.CreateSymbolicLink(link, target.Path);

        OutputFile.Resolve(link, db.Factory).Should().Be(target.Path);
        OutputFile.Resolve(target.Path, db.Factory).Should().Be(target.Path);
    }

    [Fact]
    public async Task Resolve_NameThatOnlyStartsLikeTheDatabase_IsAllowed()
    {
        await using var db = await TestDatabase.CreateAsync();

        OutputFile.Resolve(db.Path + ".csv", db.Factory).Should().Be(db.Path + ".csv");
        OutputFile.Resolve(db.Path + "-wal.csv", db.Factory).Should().Be(db.Path + "-wal.csv");
    }

    [Fact]
    public async Task Resolve_InMemoryCatalog_AllowsAnyRegularFile()
    {
        var factory = new BookData.Connections.BookDataConnectionFactory(new BookDataOptions { ConnectionString = "Data Source=output-file-tests;Mode=Memory;Cache=Shared" });
        using var file = TempFile.NotCreated(":memory:");

        OutputFile.Resolve(file.Path, factory).Should().Be(file.Path);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Resolve_BlankPath_ThrowsArgumentException()
    {
        await using var db = await TestDatabase.CreateAsync();

        var act = () => OutputFile.Resolve("  ", db.Factory);

        act.Should().Throw<ArgumentException>().WithParameterName("path");
    }

    [Fact]
    public async Task ExportAsync_CannotWrite_MessageNamesTheFileNotTheTemporaryOne()
    {
        await using var db = await SampleCatalogAsync();
        using var folder = TempFile.NotCreated();
        var path = Path.Combine(folder.Folder, "missing", "out.csv");

        var act = () => new CatalogExporter(db.Factory).ExportAsync(path);

        var message = (await act.Should().ThrowAsync<BookDataException>()).Which.Message;
        message.Should().StartWith($"Cannot write the CSV file '{path}'").And.NotContain(".tmp").And.NotContain("out.csv.");
        Directory.GetFileSystemEntries(folder.Folder).Should().BeEmpty();
    }

    private static async Task<TestDatabase> SampleCatalogAsync()
    {
        var db = await TestDatabase.CreateAsync();
        await new CatalogImporter(db.Factory).ImportAsync(CatalogImporterTests.SamplePath);
        return db;
    }
}
