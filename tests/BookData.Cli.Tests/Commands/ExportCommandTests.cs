using BookData.Cli.Samples;
using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

public sealed class ExportCommandTests
{
    [Fact]
    public async Task Export_SampleCatalog_WritesHeaderAndOneRowPerBookAndPublisher()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var csv = db.SiblingPath("-export.csv");

        var result = await CliRunner.RunAsync("export", csv, "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("Exported 12 rows");
        var lines = await File.ReadAllLinesAsync(csv);
        lines[0].Should().Be("first_name,last_name,title,publisher");
        lines.Skip(1).Should().HaveCount(12);
        lines[1].Should().Be("Isaac,Asimov,Foundation,Random House");
        lines.Should().Contain("John,Le Carre,\"Tinker, Tailor, Solider, Spy: A George Smiley Novel\",Berkley");
    }

    [Fact]
    public async Task Export_ThenImportIntoNewDatabaseAndExportAgain_GivesSameBytes()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        await using var copy = CliDatabase.CreateEmpty();
        var first = db.SiblingPath("-first.csv");
        var second = db.SiblingPath("-second.csv");

        await CliRunner.RunAsync("export", first, "--db", db.Path);
        var imported = await CliRunner.RunAsync("import", first, "--db", copy.Path);
        await CliRunner.RunAsync("export", second, "--db", copy.Path);

        imported.ExitCode.Should().Be(0, imported.ToString());
        (await File.ReadAllBytesAsync(second)).Should().Equal(await File.ReadAllBytesAsync(first));
    }

    [Fact]
    public async Task Export_ExistingFile_RefusedWithoutForceAndLeftAlone()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var csv = db.SiblingPath("-export.csv");
        await File.WriteAllTextAsync(csv, "keep me");

        var result = await CliRunner.RunAsync("export", csv, "--db", db.Path);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("--force");
        (await File.ReadAllTextAsync(csv)).Should().Be("keep me");
    }

    [Fact]
    public async Task Export_ExistingFileWithForce_ReplacesIt()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var csv = db.SiblingPath("-export.csv");
        await File.WriteAllTextAsync(csv, "replace me");

        var result = await CliRunner.RunAsync("export", csv, "--force", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        (await File.ReadAllLinesAsync(csv)).Should().HaveCount(13);
    }

    [Fact]
    public async Task Export_MissingFolder_ExitsWithUsageErrorAndCreatesNothing()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var csv = Path.Combine(db.Path + "-no-such-folder", "export.csv");

        var result = await CliRunner.RunAsync("export", csv, "--db", db.Path);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain(csv);
        File.Exists(csv).Should().BeFalse();
    }

    [Fact]
    public async Task Export_BookWithoutPublisher_WarnsThatItWasLeftOut()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        await using (var connection = await db.Factory.OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO book (author_id, title) SELECT author_id, 'Unpublished' FROM author WHERE last_name = 'King';";
            await command.ExecuteNonQueryAsync();
        }

        var csv = db.SiblingPath("-export.csv");

        var result = await CliRunner.RunAsync("export", csv, "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Error.Should().StartWith("warning: left out 1 book(s) without a publisher");
        (await File.ReadAllTextAsync(csv)).Should().NotContain("Unpublished");
    }

    [Fact]
    public async Task Export_OfImportedBundledSample_HasExactlyTheSampleRows()
    {
        await using var db = CliDatabase.CreateEmpty();
        var sample = db.SiblingPath("-sample.csv");
        await using (var source = SampleCatalog.OpenCsv())
        await using (var target = File.Create(sample))
        {
            await source.CopyToAsync(target);
        }

        var csv = db.SiblingPath("-export.csv");
        await CliRunner.RunAsync("import", sample, "--db", db.Path);

        var result = await CliRunner.RunAsync("export", csv, "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        (await File.ReadAllLinesAsync(csv)).Skip(1).Should().BeEquivalentTo((await File.ReadAllLinesAsync(sample)).Skip(1).Where(line => line.Length > 0));
    }
}
