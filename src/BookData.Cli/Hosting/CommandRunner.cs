using System.CommandLine;
using BookData.Migrations;

namespace BookData.Cli.Hosting;

/// <summary>
/// Runs a command's action: resolves the database, migrates it first when the command writes or
/// reads through a read-write connection, and turns every failure into a message and an exit code.
/// </summary>
internal sealed class CommandRunner
{
    private readonly CliConsole console;

    /// <summary>Creates the runner.</summary>
    /// <param name="console">The console every command writes to.</param>
    /// <param name="options">The shared options.</param>
    public CommandRunner(CliConsole console, CliOptions options)
    {
        this.console = console;
        Options = options;
    }

    /// <summary>The shared options.</summary>
    public CliOptions Options { get; }

    /// <summary>Sets <paramref name="command"/>'s action.</summary>
    /// <param name="command">The command.</param>
    /// <param name="database">Whether the runner migrates the database before the action.</param>
    /// <param name="action">The command's work; returns the exit code.</param>
    public void SetAction(Command command, DatabaseUse database, Func<CommandContext, CancellationToken, Task<int>> action) =>
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, database, action, cancellationToken));

    private async Task<int> RunAsync(
        ParseResult parseResult,
        DatabaseUse database,
        Func<CommandContext, CancellationToken, Task<int>> action,
        CancellationToken cancellationToken)
    {
        var verbose = parseResult.GetValue(Options.Verbose);
        try
        {
            OptionValues.ThrowIfAnyBlank(parseResult);
            var context = new CommandContext(
                parseResult, console, parseResult.GetValue(Options.Database), parseResult.GetValue(Options.Connection),
                parseResult.GetValue(Options.ReadConnection));
            if (database == DatabaseUse.MigrateFirst)
            {
                context.PrepareToWrite();
                var migration = await new BookDataMigrator(context.Connections).MigrateAsync(cancellationToken).ConfigureAwait(false);
                NoteUpgrade(migration, context.Connections.DataSource);
            }

            return await action(context, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The command line's boundary: every failure becomes a message and an exit code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ErrorReport.Write(console, ex, verbose);
        }
    }

    /// <summary>
    /// Says on standard error that a command upgraded an existing catalog before it ran (not a new one, which gets
    /// every script): after that, older versions of the tool refuse the catalog.
    /// </summary>
    private void NoteUpgrade(BookData.Migrations.MigrationResult migration, string dataSource)
    {
        if (migration.Applied.Count > 0 && !migration.Applied.Contains(BookData.Migrations.BookDataMigrator.ScriptNames[0]))
        {
            console.Error.WriteLine(
                $"note: upgraded catalog '{dataSource}' to this version's schema first (applied {string.Join(", ", migration.Applied)}); older versions of bookdata can no longer open it.");
        }
    }
}
