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
    public async Task Import_OnErrorSkipWithQuoteNeverClosed_ImportsTheRowsAfterItAndCountsLines()
    {
        await using var db = CliDatabase.CreateEmpty();
        var csv = db.SiblingPath("-stray-quote.csv");
        await File.WriteAllTextAsync(csv, "first_name,last_name,title,publisher\n"
            + "Ursula,Le Guin,The Lathe of Heaven,Avon\n"
            + "X,Y,\"Dr. Strangelove, or How I Learned,P\n"
            + "Octavia,Butler,Kindred,Doubleday\n"
            + "Octavia,Butler,Dawn,Warner\n");

        var result = await CliRunner.RunAsync("import", csv, "--on-error", "skip", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("5 lines, 4 rows read, 1 row skipped; added 2 authors, 3 books, 3 publishers, 3 book–publisher links.");
        result.Error.Trim().Should().Be(
            $"skipped: {csv}, line 3: a quoted value is never closed (unterminated quote); "
            + "its record ran on to line 5, and lines 4–5 were read again as rows of their own.");
        (await db.CountAsync("book")).Should().Be(3);
        (await db.CountAsync("book_publisher")).Should().Be(3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Import_GiantField_ExitsWithBadInputNamingLineAndColumnAndWritesNothing(bool quoted)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var csv = db.SiblingPath("-giant.csv");
        var giant = new string('x', 4 * 1024 * 1024);
        await File.WriteAllTextAsync(csv, "first_name,last_name,title,publisher\nUrsula,Le Guin,The Lathe of Heaven,Avon\n"
            + (quoted ? $"Ursula,Le Guin,\"{giant}" : $"Ursula,Le Guin,{giant},Avon\n"));

        var result = await CliRunner.RunAsync("import", csv, "--db", db.Path);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().StartWith($"error: {csv}, line 3: the title value ").And.Contain(quoted ? "runs on past 8,192 bytes" : "is longer than 8,192 bytes");
        result.Error.Length.Should().BeLessThan(1000, "the value itself is not printed");
        (await db.CountAsync("book")).Should().Be(10);
        (await db.CountAsync("book_publisher")).Should().Be(12);
    }

    [Fact]
    public async Task Import_HeaderRepeatedMidFile_ExitsWithBadInputAndWritesNothing()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var csv = db.SiblingPath("-joined.csv");
        const string header = "first_name,last_name,title,publisher\n";
        await File.WriteAllTextAsync(csv, header + "Ursula,Le Guin,The Lathe of Heaven,Avon\n" + header + "Octavia,Butler,Kindred,Doubleday\n");

        var result = await CliRunner.RunAsync("import", csv, "--db", db.Path);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Trim().Should().Be($"error: {csv}, line 3: the row repeats the header first_name,last_name,title,publisher (were two files joined?); it is not a book.");
        (await db.CountAsync("book")).Should().Be(10);
        (await db.CountAsync("author")).Should().Be(7);
    }

    [Fact]
    public async Task Import_SkipModeWithJoinedFilesInOtherColumnOrders_ExitsWithBadInputAndWritesNothing()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var csv = db.SiblingPath("-joined.csv");
        await File.WriteAllTextAsync(
            csv,
            "first_name,last_name,title,publisher\nAnn,Lee,Book One,Penguin\ntitle,publisher,first_name,last_name\nThe Stand,Doubleday,Stephen,King\n");

        var result = await CliRunner.RunAsync("import", csv, "--db", db.Path, "--on-error", "skip");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Trim().Should().StartWith(
            $"error: {csv}, line 3: the row is another header (title,publisher,first_name,last_name), not the file's header (first_name,last_name,title,publisher): ");
        (await db.CountAsync("book")).Should().Be(10);
        (await db.CountAsync("author")).Should().Be(7);
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
