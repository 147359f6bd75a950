using System.Globalization;
using Spectre.Console;
using SpectreText = Spectre.Console.Text;

namespace BookData.Cli.Output;

/// <summary>A two-column table of names and counts, the shape of every report.</summary>
internal static class ReportTable
{
    /// <summary>Builds the table.</summary>
    /// <param name="title">Shown above the table.</param>
    /// <param name="nameHeader">The first column's header.</param>
    /// <param name="countHeader">The second column's header.</param>
    /// <param name="rows">The rows, in order.</param>
    /// <returns>A table ready to write to a Spectre console.</returns>
    public static Table Create(string title, string nameHeader, string countHeader, IEnumerable<(string Name, long Count)> rows)
    {
        var table = new Table()
            .Title(new TableTitle(title, new Style(decoration: Decoration.Bold)))
            .AddColumn(new TableColumn(new SpectreText(nameHeader)))
            .AddColumn(new TableColumn(new SpectreText(countHeader)).RightAligned());
        foreach (var (name, count) in rows)
        {
            // Text (not markup): catalog values are shown exactly as stored, brackets included.
            table.AddRow(new SpectreText(name), new SpectreText(count.ToString(CultureInfo.InvariantCulture)));
        }

        return table;
    }
}
