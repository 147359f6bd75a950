using System.CommandLine;
using System.Globalization;
using BookData.Cli.Hosting;
using BookData.Export;

namespace BookData.Cli.Commands;

/// <summary><c>bookdata export FILE [--force]</c>: the catalog as a CSV file.</summary>
internal static class ExportCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="runner">Runs the action.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<string>("file")
        {
            Description = "The CSV file to write (first_name,last_name,title,publisher), or - for standard output.",
        };
        var force = new Option<bool>("--force") { Description = "Replace FILE if it already exists." };
        var command = new Command(
            "export",
            """
            Writes the catalog to a CSV file in the import format, one row per book and publisher, in a deterministic order (by last name, first name, title, publisher).
            FILE - writes the CSV to standard output and nothing else (refused when standard output is redirected to the catalog's own files). The catalog's own database (and its -wal, -shm, -journal files), a folder, a FIFO or a device is refused; a symbolic link is followed: the file it points to is replaced and the link stays.
            Example: bookdata export catalog.csv
            """)
        {
            file,
            force,
        };

        runner.SetAction(command, DatabaseUse.MigrateFirst, async (context, cancellationToken) =>
        {
            var path = context.ParseResult.GetRequiredValue(file);
            var exporter = new CatalogExporter(context.Connections);
            ExportSummary summary;
            if (path == OutputPath.StandardOutput)
            {
                OutputPath.CheckStandardOutput(context);
                var output = context.Console.OpenOutputStream();
                await using (output.ConfigureAwait(false))
                {
                    summary = await exporter.ExportAsync(output, cancellationToken).ConfigureAwait(false);
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                OutputPath.Check(context, path, context.ParseResult.GetValue(force));
                summary = await exporter.ExportAsync(path, cancellationToken).ConfigureAwait(false);
            }

            if (summary.BooksWithoutPublisher > 0 || summary.AuthorsWithoutBooks > 0)
            {
                context.Console.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"warning: left out {summary.BooksWithoutPublisher} book(s) without a publisher and {summary.AuthorsWithoutBooks} author(s) without books: the CSV format has no row for them."));
            }

            if (path != OutputPath.StandardOutput)
            {
                context.Console.Output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Exported {summary.RowsWritten:N0} row{(summary.RowsWritten == 1 ? "" : "s")} to {path}."));
            }

            return ExitCodes.Success;
        });

        return command;
    }
}
