using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using BookData.Cli.Commands;
using BookData.Cli.Hosting;

namespace BookData.Cli;

/// <summary>The <c>bookdata</c> command line: builds the commands and runs one.</summary>
internal static class BookDataCli
{
    /// <summary>Builds the root command with every subcommand.</summary>
    /// <param name="console">The console the commands write to.</param>
    /// <returns>The root command.</returns>
    public static Command CreateRootCommand(CliConsole console)
    {
        var options = new CliOptions();
        var runner = new CommandRunner(console, options);

        // A named command rather than RootCommand, whose name is the assembly's (BookData.Cli), not the tool's.
        return new Command(
            "bookdata",
            """
            A catalog of authors, books and publishers in a SQLite database file (--db) or a PostgreSQL database (--connection "Host=...").
            Start with: bookdata demo
            Exit codes: 0 success; 1 usage error (also when no command is given, after this help); 2 bad input data; 3 database error; 130 interrupted.
            Environment: BOOKDATA_BUSY_TIMEOUT (seconds to wait for another writer, default 30); BOOKDATA_JOURNAL_MODE=delete for a SQLite file on a network file system (default wal); BOOKDATA_READ_CONNECTION, a PostgreSQL read replica (as --read-connection).
            """)
        {
            new HelpOption(),
            new VersionOption(),
            options.Database,
            options.Connection,
            options.ReadConnection,
            options.Verbose,
            DemoCommand.Create(runner),
            MigrateCommand.Create(runner),
            ImportCommand.Create(runner),
            ExportCommand.Create(runner),
            ReportCommand.Create(runner),
            AuthorsCommand.Create(runner),
            BooksCommand.Create(runner),
            AddBookCommand.Create(runner),
            SqlCommand.Create(runner),
            BackupCommand.Create(runner),
        };
    }

    /// <summary>Parses <paramref name="args"/> and runs the command they name.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="console">Where output, errors and the environment come from.</param>
    /// <param name="cancellationToken">Interrupts the command: it stops at its next check, removes what it half-wrote and returns 130.</param>
    /// <returns>The exit code: 0 success, 1 usage error, 2 bad input data, 3 database error, 130 interrupted.</returns>
    public static Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var configuration = new InvocationConfiguration
        {
            Output = console.Output,
            Error = console.Error,

            // No signal handling of System.CommandLine's: it would end the process 2 s after Ctrl+C, or at once while
            // an action still runs synchronously, leaving half-written files. The caller's token carries the
            // interruption (see ProcessInterruption) and every command stops at its next check and cleans up.
            ProcessTerminationTimeout = null,
        };
        if (args.Count == 0)
        {
            // As git does: the help on standard output, and the usage exit code, since no command ran.
            CreateRootCommand(console).Parse(["--help"]).Invoke(configuration);
            return Task.FromResult(ExitCodes.Usage);
        }

        var parseResult = CreateRootCommand(console).Parse(args);
        if (parseResult.Errors.Count > 0 && parseResult.Action is ParseErrorAction)
        {
            return Task.FromResult(ReportUsageErrors(parseResult, console));
        }

        return parseResult.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>
    /// Writes the parse errors to standard error only, each as "error: …", with a pointer to the
    /// command's help, and returns <see cref="ExitCodes.Usage"/>. Standard output stays empty.
    /// </summary>
    private static int ReportUsageErrors(ParseResult parseResult, CliConsole console)
    {
        var names = new List<string>();
        for (SymbolResult? result = parseResult.CommandResult; result is CommandResult command; result = command.Parent)
        {
            names.Insert(0, command.Command.Name);
        }

        var group = parseResult.CommandResult.Command;
        var unknownCommand = group.Action is null && group.Subcommands.Count > 0
            ? parseResult.UnmatchedTokens.FirstOrDefault(token => !token.StartsWith('-'))
            : null;
        if (unknownCommand is not null)
        {
            // One error, the real one: System.CommandLine would also say a required command was not provided.
            console.Error.WriteLine($"error: unknown command '{unknownCommand}' for '{string.Join(' ', names)}'.");
        }
        else
        {
            foreach (var error in parseResult.Errors)
            {
                console.Error.WriteLine($"error: {error.Message}");
            }
        }

        console.Error.WriteLine($"Run '{string.Join(' ', names)} --help' for usage.");
        return ExitCodes.Usage;
    }
}
