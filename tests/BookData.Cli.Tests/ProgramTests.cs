using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests;

/// <summary>The built tool run as a separate process, as a user or a script runs it.</summary>
public sealed class ProgramTests
{
    [Fact]
    public async Task Process_AddBookThenReportWithBookdataDb_WritesAndReadsThatDatabase()
    {
        await using var db = CliDatabase.CreateEmpty();

        var added = await ToolProcess.RunAsync(
            db.Path, "add-book", "--author", "Ursula K. Le Guin", "--title", "The Dispossessed", "--publisher", "Harper & Row");
        var report = await ToolProcess.RunAsync(db.Path, "report", "books-per-author", "--json");

        added.ExitCode.Should().Be(0, added.ToString());
        report.ExitCode.Should().Be(0, report.ToString());
        var row = Json.Parse(report.Output).EnumerateArray().Single();
        row.GetProperty("author").GetString().Should().Be("Ursula K. Le Guin");
        row.GetProperty("totalBooks").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task Process_UsageError_ExitsOneWithMessageOnStandardError()
    {
        var result = await ToolProcess.RunAsync(null, "report", "books-per-galaxy");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("books-per-galaxy");
    }

    [Fact]
    public async Task Process_RedirectedOutput_HasNoAnsiEscapes()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await ToolProcess.RunAsync(db.Path, "authors");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("Stephen King").And.NotContain("\u001b[");
    }
}
