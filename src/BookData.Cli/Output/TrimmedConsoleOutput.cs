using System.Text;
using Spectre.Console;

namespace BookData.Cli.Output;

/// <summary>
/// Spectre.Console's output over a <see cref="LineEndTrimmingWriter"/>: what it writes has no spaces at line ends,
/// while terminal detection and the width still come from the real writer.
/// </summary>
internal sealed class TrimmedConsoleOutput : IAnsiConsoleOutput
{
    private readonly AnsiConsoleOutput real;

    /// <summary>Creates the output.</summary>
    /// <param name="writer">Standard output.</param>
    public TrimmedConsoleOutput(TextWriter writer)
    {
        real = new AnsiConsoleOutput(writer);
        Writer = new LineEndTrimmingWriter(writer);
    }

    /// <inheritdoc/>
    public TextWriter Writer { get; }

    /// <inheritdoc/>
    public bool IsTerminal => real.IsTerminal;

    /// <inheritdoc/>
    public int Width => real.Width;

    /// <inheritdoc/>
    public int Height => real.Height;

    /// <inheritdoc/>
    public void SetEncoding(Encoding encoding) => real.SetEncoding(encoding);
}
