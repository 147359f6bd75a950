using BookData.Cli.Samples;
using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

public sealed class ImportCommandTests
{
    [Fact]
    public async Task Import_SampleFile_AddsTutorialCatalogAndSaysSo()
    {
        await using var db = CliDatabase.CreateEmpty();
        var csv = await WriteSampleAsync(db);

        var result = await CliRunner.RunAsync("import", csv, "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("12 rows read; added 7 authors, 10 books, 4 publishers, 12 book–publisher links.");
        (await db.CountAsync("author")).Should().Be(7);
        (await db.CountAsync("book")).Should().Be(10);
        (await db.CountAsync("publisher")).Should().Be(4);
        (await db.CountAsync("book_publisher")).Should().Be(12);
    }

    [Fact]
    public async Task Import_SameFileTwice_AddsNothingTheSecondTime()
    {
        await using var db = CliDatabase.CreateEmpty();
        var csv = await WriteSampleAsync(db);
        await CliRunner.RunAsync("import", csv, "--db", db.Path);

        var result = await CliRunner.RunAsync("import", csv, "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("added 0 authors, 0 books, 0 publishers, 0 book–publisher links.");
        (await db.CountAsync("book_publisher")).Should().Be(12);
    }

    [Fact]
    public async Task Import_BadRow_ExitsWithBadInputNamingFileAndLineAndWritesNothing()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var csv = db.SiblingPath("-bad.csv");
        await File.WriteAllTextAsync(csv, "first_name,last_name,title,publisher\nUrsula,Le Guin,The Lathe of Heaven,Avon\nNo,Title,,Avon\n");

        var result = await CliRunner.RunAsync("import", csv, "--db", db.Path);

        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith("error: ").And.Contain("line 3").And.Contain("title");
        result.Error.Trim().Split('\n').Should().ContainSingle();
        (await db.CountAsync("author")).Should().Be(7);
        (await db.CountAsync("book")).Should().Be(10);
        (await db.CountAsync("publisher")).Should().Be(4);
    }

    [Fact]
    public async Task Import_OnErrorSkip_ImportsGoodRowsAndListsSkippedOnes()
    {
        await using var db = CliDatabase.CreateEmpty();
        var csv = db.SiblingPath("-mixed.csv");
        await File.WriteAllTextAsync(csv, "first_name,last_name,title,publisher\nUrsula,Le Guin,The Lathe of Heaven,Avon\nNo,Title,,Avon\nOctavia,Butler,Kindred,Doubleday\n");

        var result = await CliRunner.RunAsync("import", csv, "--on-error", "skip", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("3 rows read, 1 row skipped; added 2 authors, 2 books, 2 publishers");
        result.Error.Should().Contain("line 3 (title)");
        (await db.CountAsync("book")).Should().Be(2);
    }

    [Fact]
    public async Task Import_MissingFile_ExitsWithBadInputAndWritesNothing()
    {
        await using var db = CliDatabase.CreateEmpty();
        var missing = db.SiblingPath("-missing.csv");

        var result = await CliRunner.RunAsync("import", missing, "--db", db.Path);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("does not exist");
        (await db.CountAsync("author")).Should().Be(0);
    }

    [Fact]
    public async Task Import_UnknownOnErrorMode_ExitsWithUsageError()
    {
        await using var db = CliDatabase.CreateEmpty();
        var csv = await WriteSampleAsync(db);

        var result = await CliRunner.RunAsync("import", csv, "--on-error", "ignore", "--db", db.Path);

        result.ExitCode.Should().Be(1);
        File.Exists(db.Path).Should().BeFalse();
    }

    private static async Task<string> WriteSampleAsync(CliDatabase db)
    {
        var path = db.SiblingPath("-sample.csv");
        await using var sample = SampleCatalog.OpenCsv();
        await using var file = File.Create(path);
        await sample.CopyToAsync(file);
        return path;
    }
}
