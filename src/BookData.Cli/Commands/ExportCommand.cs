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
        var file = new Argument<string>("file") { Description = "The CSV file to write (first_name,last_name,title,publisher)." };
        var force = new Option<bool>("--force") { Description = "Replace FILE if it already exists." };
        var command = new Command(
            "export",
            """
            Writes the catalog to a CSV file in the import format, one row per book and publisher, in a deterministic order (by last name, first name, title, publisher).
            Example: bookdata export catalog.csv
            """)
        {
            file,
            force,
        };

        runner.SetAction(command, DatabaseUse.MigrateFirst, async (context, cancellationToken) =>
        {
            var path = context.ParseResult.GetRequiredValue(file);
            if (File.Exists(path) && !context.ParseResult.GetValue(force))
            {
                throw new CliUsageException($"'{path}' already exists; choose a new file or pass --force to replace it.");
            }

            var summary = await new CatalogExporter(context.Connections).ExportAsync(path, cancellationToken).ConfigureAwait(false);
            if (summary.BooksWithoutPublisher > 0 || summary.AuthorsWithoutBooks > 0)
            {
                context.Console.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"warning: left out {summary.BooksWithoutPublisher} book(s) without a publisher and {summary.AuthorsWithoutBooks} author(s) without books: the CSV format has no row for them."));
            }

            context.Console.Output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Exported {summary.RowsWritten:N0} row{(summary.RowsWritten == 1 ? "" : "s")} to {path}."));
            return ExitCodes.Success;
        });

        return command;
    }
}
