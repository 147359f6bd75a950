using System.Diagnostics;

namespace BookData.Cli.Tests.Support;

/// <summary>Runs the built tool as a real process: <c>dotnet BookData.Cli.dll ARGS</c>.</summary>
public static class ToolProcess
{
    /// <summary>The tool's assembly, copied beside the tests by the project reference.</summary>
    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "BookData.Cli.dll");

    /// <summary>Runs the tool with BOOKDATA_DB set to <paramref name="bookdataDb"/> (or removed when <see langword="null"/>).</summary>
    public static Task<CliResult> RunAsync(string? bookdataDb, params string[] args) =>
        RunAsync(bookdataDb, new Dictionary<string, string>(), args);

    /// <summary>Runs another program (for example the tool through <c>setpriv</c>) the way the tool is run, without BOOKDATA_DB.</summary>
    public static Task<CliResult> RunProgramAsync(string program, IReadOnlyList<string> args)
    {
        var start = StartInfo(program, args);
        start.Environment.Remove("BOOKDATA_CONNECTION");
        return RunToExitAsync(start);
    }

    /// <summary>Runs the tool as <see cref="RunAsync(string?, string[])"/> does, with more environment variables set.</summary>
    public static Task<CliResult> RunAsync(string? bookdataDb, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = StartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [AssemblyPath, .. args]);
        if (bookdataDb is not null)
        {
            start.Environment["BOOKDATA_DB"] = bookdataDb;
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return RunToExitAsync(start);
    }

    /// <summary>A start with both outputs captured, the temp folder as working directory, and no BOOKDATA_DB.</summary>
    private static ProcessStartInfo StartInfo(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("BOOKDATA_DB");
        return start;
    }

    private static async Task<CliResult> RunToExitAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        // A bound so a hung process fails the test instead of the whole run; not a speed assertion.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, await output, await error);
    }
}
