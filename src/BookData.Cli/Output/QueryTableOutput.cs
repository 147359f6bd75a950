using System.Globalization;
using Spectre.Console;
using SpectreText = Spectre.Console.Text;

namespace BookData.Cli.Output;

/// <summary>
/// Writes an ad-hoc query's rows as tables of at most <see cref="BlockRows"/> rows each, so memory does not grow with
/// the result: every block has the header, and its columns are as wide as the first block's (a longer value later
/// wraps inside its column). A column whose first block holds only numbers (and NULLs) is right-aligned. Ends with
/// the row count, <c>(N rows)</c>. An empty result still prints the header. A cell shows at most <see cref="MaxCellChars"/> characters.
/// </summary>
internal sealed class QueryTableOutput : Sql.IQueryOutput
{
    /// <summary>The most rows one block holds.</summary>
    public const int BlockRows = 1000;

    /// <summary>A block is also printed once its cells hold this many characters, so a few long values do not pile up.</summary>
    private const long BlockChars = 1_000_000;

    /// <summary>
    /// The most characters of one value a table cell shows; the rest is replaced by a note with the full length
    /// (<c>--json</c> prints every value whole). A terminal table cannot show more usefully, and laying out one
    /// 16 MiB cell would take hundreds of megabytes.
    /// </summary>
    public const int MaxCellChars = 10_000;

    private readonly IAnsiConsole console;
    private readonly TextWriter output;
    private readonly List<string?[]> rows = [];
    private string[] headers = [];
    private bool[] numeric = [];
    private int[]? widths;
    private long blockChars;

    /// <summary>Creates the writer.</summary>
    /// <param name="console">Standard output as a Spectre console, for the tables.</param>
    /// <param name="output">Standard output as text, for the row count.</param>
    public QueryTableOutput(IAnsiConsole console, TextWriter output)
    {
        this.console = console;
        this.output = output;
    }

    /// <inheritdoc/>
    public void Start(IReadOnlyList<string> columns)
    {
        headers = [.. columns];
        numeric = [.. columns.Select(_ => true)];
    }

    /// <inheritdoc/>
    public void WriteRow(object?[] values)
    {
        var cells = new string?[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value)
            {
                cells[i] = Cut(QueryValueText.Format(value));
                blockChars += cells[i]!.Length;
                numeric[i] &= widths is not null || value is long or double or decimal;
            }
        }

        rows.Add(cells);
        if (rows.Count >= BlockRows || blockChars >= BlockChars)
        {
            WriteBlock();
        }
    }

    /// <inheritdoc/>
    public void Finish(Sql.QueryResult result)
    {
        if (rows.Count > 0 || widths is null)
        {
            WriteBlock();
        }

        output.WriteLine(result.RowCount == 1 ? "(1 row)" : string.Create(CultureInfo.InvariantCulture, $"({result.RowCount} rows)"));
    }

    private static string Cut(string text) => text.Length <= MaxCellChars
        ? text
        : string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, MaxCellChars)}… ({text.Length:N0} characters; --json prints them all)");

    private static int Width(string text)
    {
        var width = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            width = Math.Max(width, line.ToString().GetCellWidth());
        }

        return width;
    }

    private void WriteBlock()
    {
        if (widths is null)
        {
            var limit = Math.Max(console.Profile.Width, 1);
            widths = new int[headers.Length];
            for (var i = 0; i < headers.Length; i++)
            {
                var width = Width(headers[i]);
                foreach (var row in rows)
                {
                    width = Math.Max(width, Width(row[i] ?? "NULL"));
                }

                widths[i] = Math.Min(Math.Max(width, 1), limit);
                numeric[i] &= rows.Count > 0;
            }
        }

        var table = new Table();
        for (var i = 0; i < headers.Length; i++)
        {
            var column = new TableColumn(new SpectreText(headers[i])) { Width = widths[i] };
            if (numeric[i])
            {
                column.RightAligned();
            }

            table.AddColumn(column);
        }

        foreach (var row in rows)
        {
            // Text (not markup): values are shown exactly as stored, brackets included.
            table.AddRow(row.Select(cell => cell is null ? new SpectreText("NULL", new Style(Color.Grey)) : new SpectreText(cell)));
        }

        console.Write(table);
        rows.Clear();
        blockChars = 0;
    }
}
