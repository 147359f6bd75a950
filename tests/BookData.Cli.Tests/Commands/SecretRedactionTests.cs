using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

/// <summary>A password in a connection string never reaches the tool's output, with or without --verbose.</summary>
public sealed class SecretRedactionTests
{
    private const string Secret = "hunter2";

    public static TheoryData<string, int, bool> ConnectionStrings()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var verbose in new[] { false, true })
        {
            data.Add("Host=db;Password=hunter2;;=x", 1, verbose);
            data.Add("Data Source=x.db;Password=\"hun;ter2\";;=x", 1, verbose);
            data.Add("Host=db;Pwd=hunter2;Port=not-a-number;Database=catalog", 1, verbose);
            data.Add("Host=127.0.0.1;Port=1;Database=catalog;Password=hunter2;Timeout=2", 3, verbose);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ConnectionStrings))]
    public async Task Migrate_ConnectionStringWithPassword_ErrorNeverShowsThePassword(string connectionString, int exitCode, bool verbose)
    {
        string[] args = verbose
            ? ["--connection", connectionString, "migrate", "--verbose"]
            : ["--connection", connectionString, "migrate"];

        var result = await ToolProcess.RunAsync(null, args);

        result.ExitCode.Should().Be(exitCode, result.ToString());
        result.Error.Should().StartWith("error: ");
        result.Error.Should().NotContain(Secret).And.NotContain("hun;ter2");
        result.Output.Should().NotContain(Secret);
        if (exitCode == 1)
        {
            result.Error.Should().ContainAny("Password=***", "The PostgreSQL connection string is malformed");
        }
    }

    [Fact]
    public async Task Command_MalformedBookdataConnectionWithPassword_ErrorNeverShowsThePassword()
    {
        var result = await ToolProcess.RunAsync(
            null,
            new Dictionary<string, string> { ["BOOKDATA_CONNECTION"] = "Host=db;Password=hunter2;;=x" },
            "authors", "--verbose");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().StartWith("error: The connection string \"Host=db;Password=***;;=x\" is malformed");
        result.Error.Should().NotContain(Secret);
    }
}
