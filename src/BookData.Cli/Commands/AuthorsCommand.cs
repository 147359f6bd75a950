using System.CommandLine;
using BookData.Cli.Hosting;
using BookData.Cli.Output;
using BookData.Reports;

namespace BookData.Cli.Commands;

/// <summary><c>bookdata authors [--json]</c>: the author → book → publisher tree.</summary>
internal static class AuthorsCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="runner">Runs the action.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var json = CliOptions.CreateJson();
        var command = new Command(
            "authors",
            """
            Prints every author with their books and each book's publishers, authors by last name, then first name. An empty catalog is not an error: it says so, where it is and how to fill it (exit code 0; with --json, []).
            Example: bookdata authors --json
            """)
        {
            json,
        };

        runner.SetAction(command, DatabaseUse.MigrateFirst, async (context, cancellationToken) =>
        {
            var hierarchy = await new CatalogReports(context.Connections).GetHierarchyAsync(cancellationToken).ConfigureAwait(false);
            if (context.ParseResult.GetValue(json))
            {
                CatalogJson.WriteHierarchy(context.Console.Output, hierarchy);
            }
            else if (hierarchy.Count == 0)
            {
                context.Console.Output.WriteLine(EmptyCatalog.Message(context.Connections.DataSource));
            }
            else
            {
                context.Console.Ansi.Write(CatalogTree.Create(hierarchy));
            }

            return ExitCodes.Success;
        });

        return command;
    }
}
