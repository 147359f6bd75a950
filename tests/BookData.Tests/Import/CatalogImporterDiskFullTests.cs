using System.Globalization;
using System.Text;
using BookData.Import;
using BookData.Tests.Support;

namespace BookData.Tests.Import;

/// <summary>
/// Imports onto a disk that fills up, on a tmpfs of a few MiB (SQLite only: a PostgreSQL server's disk is its own):
/// the error says the disk is full and names the database, and the catalog is as it was.
/// </summary>
public sealed class CatalogImporterDiskFullTests
{
    private const int Rows = 20_000;

    [RequiresTinyFileSystemFact]
    public async Task ImportAsync_DiskFillsBeforeIndexBuildIntoEmptyCatalog_ThrowsDiskFullAndKeepsCatalog()
    {
        using var disk = TinyFileSystem.Mount(8192);
        await using var db = await TestDatabase.CreateInAsync(disk.Folder);
        using var csv = TempFile.WithText(Catalog(Rows));
        var before = await CatalogDump.AllRowsAsync(db);
        string? filler = null;

        // The last progress report comes after the last row was written and before the indexes set aside for the
        // load are built: the disk fills up there, so the index build is what meets the full disk.
        var progress = new SyncProgress<ImportProgress>(p => filler ??= p.RowsRead == Rows ? disk.Fill() : null);
        var act = () => new CatalogImporter(db.Factory).ImportAsync(csv.Path, new ImportOptions { ProgressInterval = Rows }, progress);

        var error = (await act.Should().ThrowExactlyAsync<BookDataDatabaseException>()).Which;
        filler.Should().NotBeNull("the disk was filled before the import's end");
        error.Message.Should().Be(DiskFull(db.Path));
        File.Delete(filler!);
        (await IntegrityCheckAsync(db)).Should().Be("ok");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [RequiresTinyFileSystemFact]
    public async Task ImportAsync_FileLargerThanDiskIntoNonEmptyCatalog_ThrowsDiskFullAndKeepsCatalog()
    {
        using var disk = TinyFileSystem.Mount(1024);
        await using var db = await TestDatabase.CreateInAsync(disk.Folder);
        await SampleCatalog.LoadAsync(db);
        using var csv = TempFile.WithText(Catalog(Rows));
        var before = await CatalogDump.AllRowsAsync(db);

        var act = () => new CatalogImporter(db.Factory).ImportAsync(csv.Path);

        var error = (await act.Should().ThrowExactlyAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().Be(DiskFull(db.Path));
        (await IntegrityCheckAsync(db)).Should().Be("ok");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    /// <summary>A catalog of <paramref name="rows"/> rows: 500 authors, 50 publishers, a new book on every row.</summary>
    internal static string Catalog(int rows)
    {
        var text = new StringBuilder("first_name,last_name,title,publisher\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"First{i % 500},Last{i % 500},A Title Long Enough To Take Some Room {i},Publisher {i % 50}\n");
        }

        return text.ToString();
    }

    /// <summary>The message of a write that met a full disk.</summary>
    internal static string DiskFull(string database) =>
        $"Database '{database}' cannot be written: the disk is full (the database's own, or that of SQLite's temporary files). Free some space and try again; the failed operation changed nothing.";

    internal static async Task<string> IntegrityCheckAsync(TestDatabase db)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
