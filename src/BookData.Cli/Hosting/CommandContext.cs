using System.CommandLine;
using System.Globalization;
using BookData.Connections;

namespace BookData.Cli.Hosting;

/// <summary>What a running command works with: its parsed command line, the console and the database.</summary>
internal sealed class CommandContext
{
    /// <summary>The environment variable that sets how long a command waits for another writer, in seconds: <c>BOOKDATA_BUSY_TIMEOUT</c>.</summary>
    public const string BusyTimeoutEnvironmentVariable = "BOOKDATA_BUSY_TIMEOUT";

    /// <summary>
    /// The environment variable that sets SQLite's journal mode, <c>wal</c> (the default) or <c>delete</c> (for a
    /// database on a network file system): <c>BOOKDATA_JOURNAL_MODE</c>.
    /// </summary>
    public const string JournalModeEnvironmentVariable = "BOOKDATA_JOURNAL_MODE";

    private readonly string? databaseOption;
    private readonly string? connectionOption;
    private readonly string? readConnectionOption;
    private string? connectionString;
    private BookDataConnectionFactory? connections;

    /// <summary>Creates the context of one invocation.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="console">The console and environment.</param>
    /// <param name="databaseOption">The <c>--db</c> value, or <see langword="null"/>.</param>
    /// <param name="connectionOption">The <c>--connection</c> value, or <see langword="null"/>.</param>
    /// <param name="readConnectionOption">The <c>--read-connection</c> value, or <see langword="null"/>.</param>
    public CommandContext(ParseResult parseResult, CliConsole console, string? databaseOption, string? connectionOption, string? readConnectionOption = null)
    {
        this.readConnectionOption = readConnectionOption;
        ParseResult = parseResult;
        Console = console;
        this.databaseOption = databaseOption;
        this.connectionOption = connectionOption;
    }

    /// <summary>The parsed command line.</summary>
    public ParseResult ParseResult { get; }

    /// <summary>The console and environment.</summary>
    public CliConsole Console { get; }

    /// <summary><see langword="true"/> when <c>--db</c> or <c>--connection</c> was given on the command line.</summary>
    public bool HasDatabaseOption => !string.IsNullOrWhiteSpace(databaseOption) || connectionOption is not null;

    /// <summary>
    /// The catalog's connection string, resolved from <c>--db</c>, <c>--connection</c>, <c>BOOKDATA_DB</c>,
    /// <c>BOOKDATA_CONNECTION</c> or the default location.
    /// </summary>
    public string ConnectionString => connectionString ??= DatabaseLocation.Resolve(databaseOption, connectionOption, Console);

    /// <summary>
    /// Makes ready to write: creates the default database's folder when the catalog is the default file and
    /// the folder is missing. Read-only commands (<c>migrate --status</c>, <c>sql</c>) never call it, so they
    /// create no folder and no file.
    /// </summary>
    public void PrepareToWrite() => DatabaseLocation.CreateDefaultFolder(ConnectionString, Console);

    /// <summary>
    /// A connection factory for <see cref="ConnectionString"/>, created on first use; creating it does not connect. Its
    /// reads go to the read replica of <c>--read-connection</c> or <c>BOOKDATA_READ_CONNECTION</c> when one is given.
    /// </summary>
    /// <exception cref="CliUsageException">A read replica is given for a SQLite catalog, or a setting is invalid.</exception>
    public BookDataConnectionFactory Connections => connections ??= CreateReplicatedConnections();

    private BookDataConnectionFactory CreateReplicatedConnections()
    {
        if (DatabaseLocation.ResolveReadReplica(readConnectionOption, Console) is not { } replica)
        {
            return CreateConnections(ConnectionString);
        }

        var connections = CreateConnections(ConnectionString, options => options.ReadConnectionString = null);
        if (connections.Provider == BookDataProvider.Sqlite)
        {
            throw new CliUsageException(
                $"{replica.Source} names a read replica, which only a PostgreSQL catalog has; the catalog is the SQLite file '{connections.DataSource}'. "
                + (replica.Source == "--read-connection" ? "Leave --read-connection out." : $"Unset {replica.Source}, or pass a PostgreSQL catalog with --connection."));
        }

        return CreateConnections(ConnectionString, options => options.ReadConnectionString = replica.ConnectionString);
    }

    /// <summary>
    /// Creates a connection factory for a connection string; nothing is opened. The busy timeout is
    /// <c>BOOKDATA_BUSY_TIMEOUT</c> seconds when that variable is set, else the library's default (30 seconds); the
    /// journal mode is <c>BOOKDATA_JOURNAL_MODE</c> when set, else write-ahead logging.
    /// </summary>
    /// <param name="connectionString">A SQLite or PostgreSQL connection string.</param>
    /// <param name="configure">Changes the library's default settings; none when <see langword="null"/>.</param>
    /// <returns>A factory for the database.</returns>
    /// <exception cref="CliUsageException">The connection string is malformed, BOOKDATA_BUSY_TIMEOUT is not a number of seconds, BOOKDATA_JOURNAL_MODE is not wal or delete, or the settings are invalid.</exception>
    public BookDataConnectionFactory CreateConnections(string connectionString, Action<BookDataOptions>? configure = null)
    {
        var options = new BookDataOptions { ConnectionString = connectionString };
        if (Console.GetEnvironmentVariable(BusyTimeoutEnvironmentVariable) is { Length: > 0 } seconds)
        {
            options.BusyTimeout = double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= int.MaxValue / 1000
                ? TimeSpan.FromSeconds(value)
                : throw new CliUsageException($"{BusyTimeoutEnvironmentVariable} must be a number of seconds from 0 to {int.MaxValue / 1000}; it is \"{seconds}\".");
        }

        if (Console.GetEnvironmentVariable(JournalModeEnvironmentVariable) is { Length: > 0 } mode)
        {
            options.JournalMode = mode.All(char.IsAsciiLetter) && Enum.TryParse<JournalMode>(mode, ignoreCase: true, out var journalMode)
                ? journalMode
                : throw new CliUsageException($"{JournalModeEnvironmentVariable} must be wal or delete; it is \"{mode}\".");
        }

        configure?.Invoke(options);
        try
        {
            // The tool takes either kind of connection string: one with a Host or Server key is PostgreSQL's.
            return new BookDataConnectionFactory(options.UsePostgreSqlWhenRequested());
        }
        catch (BookDataValidationException ex)
        {
            throw new CliUsageException(ex.Message, ex);
        }
    }
}
