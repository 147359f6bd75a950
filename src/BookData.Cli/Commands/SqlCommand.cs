using System.CommandLine;
using System.Globalization;
using BookData.Cli.Hosting;
using BookData.Cli.Output;
using BookData.Cli.Sql;
using Spectre.Console;
using SpectreText = Spectre.Console.Text;

namespace BookData.Cli.Commands;

/// <summary><c>bookdata sql "SELECT ..." [--json]</c>: an ad-hoc read-only query.</summary>
internal static class SqlCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="runner">Runs the action.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var query = new Argument<string>("query") { Description = "One SQL statement that only reads, for example a SELECT." };
        var json = CliOptions.CreateJson();
        var command = new Command(
            "sql",
            """
            Runs one read-only SQL query on a read-only connection and prints the result. Statements that would write, change the schema, ATTACH a database or set a PRAGMA are refused (exit code 2) before they run. On PostgreSQL the query runs in a READ ONLY transaction that is rolled back, and a statement that would write is refused the same way.
            Example: bookdata sql "SELECT last_name, count(*) AS books FROM author JOIN book USING (author_id) GROUP BY author_id"
            """)
        {
            query,
            json,
        };

        runner.SetAction(command, DatabaseUse.OpensItself, async (context, cancellationToken) =>
        {
            var result = await ReadOnlyQuery.RunAsync(
                context.Connections, context.ParseResult.GetRequiredValue(query), cancellationToken).ConfigureAwait(false);
            if (context.ParseResult.GetValue(json))
            {
                WriteJson(context.Console.Output, result);
            }
            else
            {
                context.Console.Ansi.Write(CreateTable(result));
                context.Console.Output.WriteLine(result.Rows.Count == 1 ? "(1 row)" : $"({result.Rows.Count} rows)");
            }

            return ExitCodes.Success;
        });

        return command;
    }

    private static Table CreateTable(QueryResult result)
    {
        var table = new Table();
        for (var i = 0; i < result.Columns.Count; i++)
        {
            var column = new TableColumn(new SpectreText(result.Columns[i]));
            var index = i;
            if (result.Rows.Count > 0 && result.Rows.All(row => row[index] is null or long or double or decimal))
            {
                column.RightAligned();
            }

            table.AddColumn(column);
        }

        foreach (var row in result.Rows)
        {
            table.AddRow(row.Select(value => value is null
                ? new SpectreText("NULL", new Style(Color.Grey))
                : new SpectreText(Format(value))));
        }

        return table;
    }

    private static string Format(object value) => value switch
    {
        byte[] blob => $"x'{Convert.ToHexString(blob)}'",
        bool truth => truth ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>An array of objects keyed by column name; blobs as base64 strings.</summary>
    private static void WriteJson(TextWriter output, QueryResult result) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteStartArray();
            foreach (var row in result.Rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < row.Length; i++)
                {
                    json.WritePropertyName(result.Columns[i]);
                    switch (row[i])
                    {
                        case null:
                            json.WriteNullValue();
                            break;
                        case long integer:
                            json.WriteNumberValue(integer);
                            break;
                        case double real when double.IsFinite(real):
                            json.WriteNumberValue(real);
                            break;
                        case decimal exact:
                            json.WriteNumberValue(exact);
                            break;
                        case bool truth:
                            json.WriteBooleanValue(truth);
                            break;
                        case byte[] blob:
                            json.WriteBase64StringValue(blob);
                            break;
                        case var other:
                            json.WriteStringValue(Format(other));
                            break;
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
}
