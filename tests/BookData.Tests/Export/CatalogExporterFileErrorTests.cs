using BookData.Export;
using BookData.Import;
using BookData.Tests.Import;
using BookData.Tests.Support;

namespace BookData.Tests.Export;

/// <summary>
/// An export to a file that cannot be written: the error names the user's file, never the temporary file the export
/// writes first, and the folder is left as it was (an existing file untouched, no temporary file behind).
/// </summary>
public sealed class CatalogExporterFileErrorTests
{
    [RequiresTinyFileSystemFact]
    public async Task ExportAsync_DiskFills_NamesTheTargetNotTheTemporaryFileAndLeavesTheOldFile()
    {
        await using var db = await TestDatabase.CreateAsync();
        using (var csv = TempFile.WithText(CatalogImporterDiskFullTests.Catalog(5_000)))
        {
            await new CatalogImporter(db.Factory).ImportAsync(csv.Path);
        }

        using var disk = TinyFileSystem.Mount(64);
        var target = Path.Combine(disk.Folder, "catalog.csv");
        await File.WriteAllTextAsync(target, "old content");

        var act = () => new CatalogExporter(db.Factory).ExportAsync(target);

        var error = (await act.Should().ThrowAsync<BookDataException>()).Which;
        error.Message.Should().StartWith($"Cannot write the CSV file '{target}': ")
            .And.NotContain(".tmp").And.NotContain(".catalog.csv.");
        (await File.ReadAllTextAsync(target)).Should().Be("old content");
        Directory.GetFiles(disk.Folder).Should().Equal(target);
    }

    [RequiresTinyFileSystemFact]
    public async Task ExportAsync_ReadOnlyFileSystem_NamesTheTargetNotTheTemporaryFile()
    {
        await using var db = await TestDatabase.CreateAsync();
        await SampleCatalog.LoadAsync(db);
        using var disk = TinyFileSystem.Mount(64);
        var target = Path.Combine(disk.Folder, "catalog.csv");
        disk.RemountReadOnly();

        var act = () => new CatalogExporter(db.Factory).ExportAsync(target);

        var error = (await act.Should().ThrowAsync<BookDataException>()).Which;
        error.Message.Should().StartWith($"Cannot write the CSV file '{target}': ")
            .And.Contain(target).And.NotContain(".tmp");
        Directory.GetFiles(disk.Folder).Should().BeEmpty();
    }
}
