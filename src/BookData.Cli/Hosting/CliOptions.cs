using System.CommandLine;

namespace BookData.Cli.Hosting;

/// <summary>The options every command shares, defined once on the root command and inherited by each subcommand.</summary>
internal sealed class CliOptions
{
    /// <summary><c>--db PATH</c>: the catalog database file.</summary>
    public Option<string?> Database { get; } = new("--db")
    {
        Description = $"The catalog's SQLite database file. Default: ${DatabaseLocation.ConnectionEnvironmentVariable} or "
            + $"${DatabaseLocation.EnvironmentVariable} if set, else {DatabaseLocation.FolderName}/{DatabaseLocation.FileName} "
            + "in the local application data folder (an empty variable counts as unset). Not with --connection; "
            + "an empty value is an error.",
        HelpName = "PATH",
        Recursive = true,
    };

    /// <summary><c>--connection STRING</c>: the catalog's connection string, for example a PostgreSQL server's.</summary>
    public Option<string?> Connection { get; } = new("--connection")
    {
        Description = "The catalog's connection string instead of --db: a PostgreSQL database, "
            + "\"Host=SERVER;Port=5432;Database=NAME;Username=USER;Password=SECRET\" (Npgsql syntax; migrate creates a missing database), "
            + $"or a SQLite one, \"Data Source=FILE\" (a URI starts with file: in lower case; an in-memory database is refused). Default: ${DatabaseLocation.ConnectionEnvironmentVariable} if set and not empty. Not with --db; an empty value is an error.",
        HelpName = "STRING",
        Recursive = true,
    };

    /// <summary><c>--read-connection STRING</c>: a PostgreSQL read replica's connection string, for commands that only read.</summary>
    public Option<string?> ReadConnection { get; } = new("--read-connection")
    {
        Description = "A PostgreSQL read replica of the --connection database, \"Host=REPLICA;Database=NAME;Username=USER;Password=SECRET\": "
            + "books, authors, report, export and sql read from it (it may lag: a book just added may not show yet); add-book, import and migrate write to --connection. "
            + "No fallback: when the replica is down, reads fail (exit 3) and writes still work. "
            + $"Default: ${DatabaseLocation.ReadConnectionEnvironmentVariable} if set and not empty. Not with a SQLite catalog; an empty value is an error.",
        HelpName = "STRING",
        Recursive = true,
    };

    /// <summary><c>--verbose</c>: print stack traces with errors.</summary>
    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "When a command fails, also print the full exception with its stack trace.",
        Recursive = true,
    };

    /// <summary>Creates a <c>--json</c> option for a command that reads the catalog.</summary>
    /// <returns>A new option; each command gets its own.</returns>
    public static Option<bool> CreateJson() => new("--json")
    {
        Description = "Print machine-readable JSON (camelCase keys) instead of a table.",
    };
}
