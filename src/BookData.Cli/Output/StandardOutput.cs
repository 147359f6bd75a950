using System.Text;
using BookData.Cli.Hosting;
using Microsoft.Win32.SafeHandles;

namespace BookData.Cli.Output;

/// <summary>
/// Standard output for a command that may print without end, such as <c>bookdata sql</c>: when it is a pipe (on
/// Linux and macOS), a buffered writer straight over file descriptor 1, whose writes fail once the reading end is
/// closed (<c>bookdata sql … | head -1</c>), where <see cref="Console.Out"/> would silently discard them and the command
/// would run to the end for nothing. Anywhere else (a terminal, a file, Windows, tests) the console's own writer.
/// </summary>
internal sealed class StandardOutput : IDisposable
{
    /// <summary>The errno of a write to a pipe with no reader on Linux and macOS.</summary>
    private const int BrokenPipe = 32;

    private readonly StreamWriter? writer;

    private StandardOutput(CliConsole console, StreamWriter? writer)
    {
        Console = console;
        this.writer = writer;
    }

    /// <summary>The console to write to: the given one, with <see cref="CliConsole.Output"/> replaced when standard output is a pipe.</summary>
    public CliConsole Console { get; }

    /// <summary>Opens standard output for <paramref name="console"/>.</summary>
    /// <param name="console">The command's console.</param>
    /// <returns>The output; dispose it to flush.</returns>
    public static StandardOutput Open(CliConsole console)
    {
        if (OperatingSystem.IsWindows() || !ReferenceEquals(console.Output, System.Console.Out))
        {
            return new StandardOutput(console, null);
        }

        var stream = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        if (stream.CanSeek)
        {
            // A file: its offset is shared with standard error when both go to it, which only the console's writer respects.
            stream.Dispose();
            return new StandardOutput(console, null);
        }

        var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024);
        var piped = new CliConsole(
            writer, console.Error, console.IsTerminal, console.GetEnvironmentVariable, console.LocalDataFolder, console.Ansi.Profile.Width);
        return new StandardOutput(piped, writer);
    }

    /// <summary>Whether <paramref name="exception"/> is a write to a standard output whose reader has gone.</summary>
    /// <param name="exception">What a write threw.</param>
    /// <returns><see langword="true"/> for a broken pipe.</returns>
    public static bool IsClosedPipe(Exception exception) => exception is IOException { HResult: BrokenPipe };

    /// <summary>Writes out what is buffered.</summary>
    public void Flush() => Console.Output.Flush();

    /// <summary>Flushes and releases the writer; a reader that has gone by then is not an error.</summary>
    public void Dispose()
    {
        try
        {
            writer?.Dispose();
        }
        catch (IOException ex) when (IsClosedPipe(ex))
        {
            // Nobody reads the rest.
        }
    }
}
