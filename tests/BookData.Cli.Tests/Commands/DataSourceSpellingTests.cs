using BookData.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BookData.Cli.Tests.Commands;

/// <summary>
/// Every command agrees with SQLite on which file a data source opens: spellings SQLite reads differently from how
/// they look (an upper-case <c>FILE:</c>, a percent-encoded <c>mode=memory</c>, <c>vfs=memdb</c>, a trailing slash,
/// a control character, a device, a path over SQLite's limit) are refused or resolved as SQLite resolves them.
/// </summary>
public sealed class DataSourceSpellingTests
{
    [Theory]
    [InlineData("FILE:")]
    [InlineData("File:")]
    public async Task ExportAndBackup_UpperCaseFileSchemeOntoTheFileSqliteOpens_AreRefusedAndTheCatalogIsIntact(string scheme)
    {
        // SQLite reads only a lower-case "file:" as a URI: "FILE:rel/cat.db" is the relative file "FILE:rel/cat.db",
        // which is where the catalog is here; "rel/cat.db" is a different, decoy catalog.
        var id = $"bookdata-spelling-{Guid.NewGuid():N}";
        var opened = Path.Combine(Environment.CurrentDirectory, scheme + id);
        var decoy = Path.Combine(Environment.CurrentDirectory, id);
        Directory.CreateDirectory(opened);
        Directory.CreateDirectory(decoy);
        try
        {
            var catalog = Path.Combine(opened, "cat.db");
            await SeedAsync(catalog);
            await SeedAsync(Path.Combine(decoy, "cat.db"));
            var connection = $"Data Source={scheme}{id}/cat.db";
            var before = await File.ReadAllBytesAsync(catalog);

            var export = await CliRunner.RunAsync("export", catalog, "--force", "--connection", connection);
            var backup = await CliRunner.RunAsync("backup", catalog, "--force", "--connection", connection);
            var books = await CliRunner.RunAsync("books", "--connection", connection);
            SqliteConnection.ClearAllPools();

            foreach (var result in new[] { export, backup, books })
            {
                result.ExitCode.Should().Be(1, result.ToString());
                result.Error.Should().Contain($"starts with '{scheme}'").And.Contain("relative to the current folder")
                    .And.Contain("Write 'file:' in lower case");
            }

            (await File.ReadAllBytesAsync(catalog)).Should().Equal(before);
            (await CliDatabase.CountAsync(catalog, "book")).Should().Be(10);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(opened, recursive: true);
            Directory.Delete(decoy, recursive: true);
        }
    }

    [Theory]
    [InlineData("?mode=%6Demory")]
    [InlineData("?%6dode=memory")]
    [InlineData("?mode=mem%6Fry&cache=shared")]
    [InlineData("?vfs=memdb")]
    [InlineData("?vfs=%6Demdb")]
    public async Task ImportAndAddBook_InMemoryUriSpelledAnyWay_AreRefusedAndWriteNothing(string query)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"bookdata-memory-{Guid.NewGuid():N}")).FullName;
        try
        {
            var connection = $"Data Source=file:{folder}/memx.db{query}";

            var csv = await WriteSampleAsync();
            var import = await CliRunner.RunAsync("import", csv, "--connection", connection);
            File.Delete(csv);
            var add = await CliRunner.RunAsync("add-book", "--author", "Stephen King", "--title", "It", "--publisher", "Viking", "--connection", connection);

            foreach (var result in new[] { import, add })
            {
                result.ExitCode.Should().Be(1, result.ToString());
                result.Error.Should().Contain("--connection names an in-memory SQLite database");
                result.Output.Should().BeEmpty();
            }

            Directory.EnumerateFileSystemEntries(folder).Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--db", "{0}/")]
    [InlineData("--db", "{0}//")]
    [InlineData("--connection", "Data Source=file:{0}")]
    [InlineData("--connection", "Data Source=file://localhost{0}?mode=rwc")]
    [InlineData("--connection", "Data Source=file:{0}%2F")]
    public async Task Demo_ExistingCatalogSpelledAsAnotherPath_IsRefusedAndLeftUnchanged(string option, string format)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var before = await db.CountAsync("book");

        var result = await CliRunner.RunAsync("demo", option, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, db.Path));
        SqliteConnection.ClearAllPools();

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain("The demo builds a fresh catalog").And.Contain($"(the file '{db.Path}') already exists");
        result.Output.Should().BeEmpty();
        (await db.CountAsync("book")).Should().Be(before);
    }

    [Theory]
    [InlineData("\r", "\\r")]
    [InlineData("\n", "\\n")]
    [InlineData("\t", "\\t")]
    [InlineData("\u0001", "\\u0001")]
    public async Task Command_ControlCharacterInDatabasePath_IsRefusedShowingItEscapedAndCreatesNothing(string control, string shown)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"bookdata-control-{Guid.NewGuid():N}")).FullName;
        try
        {
            var path = Path.Combine(folder, "base.db" + control);
            var fromEnvironment = await CliRunner.RunAsync(
                new Dictionary<string, string?> { ["BOOKDATA_DB"] = path }, localDataFolder: "", "add-book", "--author", "Stephen King", "--title", "It", "--publisher", "Viking");
            var csv = await WriteSampleAsync();
            var fromOption = await CliRunner.RunAsync("import", csv, "--db", path);
            File.Delete(csv);

            foreach (var (result, source) in new[] { (fromEnvironment, "BOOKDATA_DB"), (fromOption, "--db") })
            {
                result.ExitCode.Should().Be(1, result.ToString());
                result.Error.Should().Contain($"{source} '{folder}/base.db{shown}'").And.Contain($"control character '{shown}'")
;
                result.Error.TrimEnd().Should().NotContain(control, "the message is one line and shows the character escaped");
            }

            Directory.EnumerateFileSystemEntries(folder).Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Command_NamedPipeAsDatabase_IsRefusedAsNotARegularFileAndStaysAPipe()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"bookdata-fifo-{Guid.NewGuid():N}")).FullName;
        try
        {
            var fifo = Path.Combine(folder, "pipe.db");
            FileLinks.CreateFifo(fifo);

            var books = await CliRunner.RunAsync("books", "--db", fifo);
            var status = await CliRunner.RunAsync("migrate", "--status", "--db", fifo);

            foreach (var result in new[] { books, status })
            {
                result.ExitCode.Should().Be(3, result.ToString());
                result.Error.Should().Contain($"'{fifo}' is not a regular file").And.NotContain("zero-byte").And.NotContain("delete it");
                result.Output.Should().BeEmpty();
            }

            FileLinks.IsFifo(fifo).Should().BeTrue();
            Directory.EnumerateFileSystemEntries(folder).Should().Equal(fifo);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Command_PathLongerThanSqlitesLimit_IsRefusedNamingTheLimitAndCreatesNothing()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"bookdata-long-{Guid.NewGuid():N}")).FullName;
        try
        {
            var deep = Directory.CreateDirectory(Path.Combine(folder, new string('a', 200), new string('b', 200))).FullName;
            var path = Path.Combine(deep, new string('c', 505 - deep.Length - 1));

            var add = await CliRunner.RunAsync("add-book", "--author", "Stephen King", "--title", "It", "--publisher", "Viking", "--db", path);
            var status = await CliRunner.RunAsync("migrate", "--status", "--db", path);

            foreach (var result in new[] { add, status })
            {
                result.ExitCode.Should().Be(1, result.ToString());
                result.Error.Should().Contain("too long for SQLite").And.Contain("is 505 bytes").And.Contain("longer than 504 bytes (its limit of 512")
                    .And.NotContain("out of space").And.NotContain("does not exist");
            }

            Directory.EnumerateFileSystemEntries(deep).Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A migrated catalog holding the bundled sample at <paramref name="path"/>.</summary>
    private static async Task SeedAsync(string path)
    {
        var factory = new BookData.Connections.BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={path}" });
        await new BookData.Migrations.BookDataMigrator(factory).MigrateAsync();
        await using var csv = BookData.Cli.Samples.SampleCatalog.OpenCsv();
        await new BookData.Import.CatalogImporter(factory).ImportAsync(csv);
    }

    /// <summary>The bundled sample CSV in a temp file of its own (outside the folders the tests inspect).</summary>
    private static async Task<string> WriteSampleAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bookdata-sample-{Guid.NewGuid():N}.csv");
        await using var csv = BookData.Cli.Samples.SampleCatalog.OpenCsv();
        await using var file = File.Create(path);
        await csv.CopyToAsync(file);
        return path;
    }
}
