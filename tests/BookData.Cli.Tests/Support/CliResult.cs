namespace BookData.Cli.Tests.Support;

/// <summary>What one in-process run of a command produced.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>The standard output's lines, trailing spaces removed.</summary>
    public IReadOnlyList<string> Lines => Output.Split('\n').Select(line => line.TrimEnd()).ToArray();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
