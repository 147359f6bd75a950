using BookData.Cli.Output;
using Spectre.Console;

namespace BookData.Cli.Hosting;

/// <summary>
/// What a command sees of the process: standard output (as text and as a Spectre console for tables
/// and trees), standard error, whether output goes to a terminal, and the environment. Tests create
/// one over string writers to run commands in-process.
/// </summary>
internal sealed class CliConsole
{
    private readonly Func<string, string?> environment;
    private readonly Func<Stream> openOutputStream;

    /// <summary>Creates a console over the given writers.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="isTerminal"><see langword="true"/> when <paramref name="output"/> is an interactive terminal: enables colour and progress bars.</param>
    /// <param name="environment">Looks up an environment variable; returns <see langword="null"/> when unset.</param>
    /// <param name="localDataFolder">The user's local application data folder, the parent of the default database folder.</param>
    /// <param name="width">The output width in columns; <see langword="null"/> to let Spectre.Console detect it.</param>
    /// <param name="openOutputStream">
    /// Opens standard output for bytes; <see langword="null"/> for a stream that decodes UTF-8 into <paramref name="output"/>.
    /// </param>
    public CliConsole(
        TextWriter output,
        TextWriter error,
        bool isTerminal,
        Func<string, string?> environment,
        string localDataFolder,
        int? width = null,
        Func<Stream>? openOutputStream = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(environment);

        Output = output;
        Error = error;
        IsTerminal = isTerminal;
        LocalDataFolder = localDataFolder;
        this.environment = environment;
        this.openOutputStream = openOutputStream ?? (() => new TextWriterStream(output));
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new TrimmedConsoleOutput(output),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (width is { } columns)
        {
            Ansi.Profile.Width = columns;
        }
    }

    /// <summary>Standard output as a Spectre console, for tables, trees and progress bars.</summary>
    public IAnsiConsole Ansi { get; }

    /// <summary>Standard output as plain text, for JSON and messages.</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error: error messages and warnings.</summary>
    public TextWriter Error { get; }

    /// <summary><see langword="true"/> when standard output is an interactive terminal.</summary>
    public bool IsTerminal { get; }

    /// <summary>The user's local application data folder; empty when the platform has none.</summary>
    public string LocalDataFolder { get; }

    /// <summary>
    /// The file standard output is open on, as the operating system sees it (file descriptor 1), to compare with
    /// the catalog's files before <c>export -</c> writes there; <see langword="null"/> for a console over writers
    /// and on Windows.
    /// </summary>
    public Microsoft.Win32.SafeHandles.SafeFileHandle? StandardOutputHandle { get; private init; }

    /// <summary>The console of this process.</summary>
    /// <returns>A console over <see cref="Console.Out"/> and <see cref="Console.Error"/>.</returns>
    public static CliConsole ForProcess() => new(
        Console.Out,
        Console.Error,
        isTerminal: !Console.IsOutputRedirected,
        Environment.GetEnvironmentVariable,
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        openOutputStream: Console.OpenStandardOutput)
    {
        StandardOutputHandle = OperatingSystem.IsWindows() ? null : new Microsoft.Win32.SafeHandles.SafeFileHandle(1, ownsHandle: false),
    };

    /// <summary>
    /// Opens standard output for bytes, for a command that writes a file's content there (<c>export -</c>).
    /// Text written to <see cref="Output"/> is flushed first; dispose the stream when done (it leaves standard output open).
    /// </summary>
    /// <returns>A write-only stream.</returns>
    public Stream OpenOutputStream()
    {
        Output.Flush();
        return openOutputStream();
    }

    /// <summary>
    /// Looks up an environment variable. One that is set to an empty or white-space value counts as unset,
    /// so <c>BOOKDATA_DB=</c> means the same as no <c>BOOKDATA_DB</c>.
    /// </summary>
    /// <param name="name">The variable's name.</param>
    /// <returns>Its value, or <see langword="null"/> when it is not set, empty or white space.</returns>
    public string? GetEnvironmentVariable(string name) =>
        environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;
}
