using System.CommandLine;
using System.Globalization;
using BookData.Cli.Hosting;
using BookData.Cli.Output;
using BookData.Cli.Sql;

namespace BookData.Cli.Commands;

/// <summary><c>bookdata sql "SELECT ..." [--json] [--max-rows N]</c>: an ad-hoc read-only query, printed row by row.</summary>
internal static class SqlCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="runner">Runs the action.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var query = new Argument<string>("query") { Description = "One SQL statement that only reads, for example a SELECT." };
        var json = CliOptions.CreateJson();
        json.Description = "Print one JSON array of objects keyed by column name (a repeated name gets _2, _3, ...; blobs are base64) instead of tables.";
        var maxRows = new Option<long>("--max-rows")
        {
            Description = "Print at most N rows, then stop the query and say so on standard error. Default: 0, every row.",
            HelpName = "N",
        };
        maxRows.Validators.Add(result =>
        {
            // Checked on the text first: reading a value System.CommandLine cannot parse would throw.
            if (result.Tokens.Count > 0
                && !long.TryParse(result.Tokens[^1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                result.AddError("--max-rows must be a whole number: 0 (every row) or a positive number of rows.");
                return;
            }

            if (result.GetValueOrDefault<long>() < 0)
            {
                result.AddError("--max-rows must be 0 (every row) or a positive number of rows.");
            }
        });
        var command = new Command(
            "sql",
            string.Create(CultureInfo.InvariantCulture, $"""
            Runs one read-only SQL query on a read-only connection and prints its rows as they are read, so a result of any size fits in memory: tables of up to {QueryTableOutput.BlockRows} rows, each with the header and the first table's column widths (a cell shows at most {QueryTableOutput.MaxCellChars:N0} characters), then the row count; or with --json one array written row by row. Statements that would write, change the schema, ATTACH a database or set a PRAGMA are refused (exit code 2) before they run; so is a value larger than {QueryRows.MaxValueBytes:N0} bytes (16 MiB) and an error in the query itself (no such table, integer overflow, division by zero). Ctrl+C stops the query (exit code 130); a closed pipe (| head) ends it quietly. On PostgreSQL the query runs in a READ ONLY transaction that is rolled back, and a statement that would write is refused the same way.
            Example: bookdata sql "SELECT last_name, count(*) AS books FROM author JOIN book USING (author_id) GROUP BY author_id"
            """))
        {
            query,
            json,
            maxRows,
        };

        runner.SetAction(command, DatabaseUse.OpensItself, async (context, cancellationToken) =>
        {
            var cap = context.ParseResult.GetValue(maxRows);
            var stdout = StandardOutput.Open(context.Console);
            try
            {
                var result = await RunAsync(
                    context, stdout.Console, context.ParseResult.GetRequiredValue(query), context.ParseResult.GetValue(json), cap, cancellationToken).ConfigureAwait(false);
                stdout.Flush();
                if (result.Truncated)
                {
                    context.Console.Error.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"note: stopped after {cap} rows (--max-rows {cap}); the query returns more. Pass --max-rows 0 for all of them."));
                }

                return ExitCodes.Success;
            }
            catch (IOException ex) when (StandardOutput.IsClosedPipe(ex))
            {
                // The reader of standard output has gone (| head): stop quietly, as other command-line tools do.
                return ExitCodes.Success;
            }
            finally
            {
                stdout.Dispose();
            }
        });

        return command;
    }

    private static async Task<QueryResult> RunAsync(
        CommandContext context, CliConsole console, string sql, bool json, long maxRows, CancellationToken cancellationToken)
    {
        if (json)
        {
            using var output = new QueryJsonOutput(console.Output);
            return await RunAsync(context, sql, output, maxRows, cancellationToken).ConfigureAwait(false);
        }

        return await RunAsync(context, sql, new QueryTableOutput(console.Ansi, console.Output), maxRows, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<QueryResult> RunAsync(
        CommandContext context, string sql, IQueryOutput output, long maxRows, CancellationToken cancellationToken)
    {
        var result = await ReadOnlyQuery.RunAsync(context.Connections, sql, output, maxRows, cancellationToken).ConfigureAwait(false);
        output.Finish(result);
        return result;
    }
}
