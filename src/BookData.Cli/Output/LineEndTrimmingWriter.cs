using System.Text;

namespace BookData.Cli.Output;

/// <summary>
/// A writer that drops the spaces at the end of every line it passes on: Spectre.Console pads table titles
/// and cells to the table's width, which leaves trailing spaces that show up in diffs and golden files.
/// Spaces are held back until the next character shows whether more text follows on the line.
/// </summary>
internal sealed class LineEndTrimmingWriter : TextWriter
{
    private readonly TextWriter inner;
    private int heldSpaces;
    private bool heldCarriageReturn;

    /// <summary>Creates the writer.</summary>
    /// <param name="inner">Where the trimmed text goes; left open.</param>
    public LineEndTrimmingWriter(TextWriter inner)
    {
        this.inner = inner;
    }

    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    public override void Write(char value)
    {
        switch (value)
        {
            case ' ' when !heldCarriageReturn:
                heldSpaces++;
                return;
            case '\r' when !heldCarriageReturn:
                heldCarriageReturn = true;
                return;
            case '\n':
                heldSpaces = 0;
                if (heldCarriageReturn)
                {
                    inner.Write('\r');
                    heldCarriageReturn = false;
                }

                inner.Write('\n');
                return;
            default:
                Release();
                if (value == ' ')
                {
                    heldSpaces++;
                }
                else if (value == '\r')
                {
                    heldCarriageReturn = true;
                }
                else
                {
                    inner.Write(value);
                }

                return;
        }
    }

    /// <inheritdoc/>
    public override void Write(string? value)
    {
        if (value is not null)
        {
            Write(value.AsSpan());
        }
    }

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<char> buffer)
    {
        foreach (var value in buffer)
        {
            Write(value);
        }
    }

    /// <inheritdoc/>
    public override void Flush() => inner.Flush();

    /// <summary>Writes the held spaces and carriage return: text follows them on the same line.</summary>
    private void Release()
    {
        if (heldSpaces > 0)
        {
            inner.Write(new string(' ', heldSpaces));
            heldSpaces = 0;
        }

        if (heldCarriageReturn)
        {
            inner.Write('\r');
            heldCarriageReturn = false;
        }
    }
}
