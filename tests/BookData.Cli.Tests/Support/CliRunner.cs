using BookData.Cli.Hosting;

namespace BookData.Cli.Tests.Support;

/// <summary>Runs bookdata commands in-process with captured standard output and error and a controlled environment.</summary>
public static class CliRunner
{
    /// <summary>Runs a command with no environment variables set and no local data folder.</summary>
    public static Task<CliResult> RunAsync(params string[] args) =>
        RunAsync(new Dictionary<string, string?>(), localDataFolder: "", args);

    /// <summary>Runs a command with the given environment variables and local data folder.</summary>
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, string localDataFolder, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(
            output,
            error,
            isTerminal: false,
            name => environment.TryGetValue(name, out var value) ? value : null,
            localDataFolder,
            width: 120);
        var exitCode = await BookDataCli.RunAsync(args, console);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
