using BookData.Cli.Hosting;

namespace BookData.Cli.Tests.Commands;

public sealed class ErrorReportTests
{
    [Fact]
    public void Write_LibraryErrorNamingTheBusyTimeoutSetting_NamesTheEnvironmentVariableInstead()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, isTerminal: false, _ => null, localDataFolder: "");
        var failure = new BookDataMigrationException(
            "0003_x.sql", "Migration script '0003_x.sql' failed on database 'c.db': the database stayed locked by another writer for longer than the busy timeout (0.2 s, BookData:BusyTimeout).");

        var exitCode = ErrorReport.Write(console, failure, verbose: false);

        exitCode.Should().Be(ExitCodes.Database);
        error.ToString().Should().Be(
            "error: Migration script '0003_x.sql' failed on database 'c.db': the database stayed locked by another writer for longer than the busy timeout (0.2 s, BOOKDATA_BUSY_TIMEOUT)." + Environment.NewLine);
    }
}
