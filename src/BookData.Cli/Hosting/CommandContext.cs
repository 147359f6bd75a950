using System.CommandLine;
using BookData.Connections;
using Microsoft.Data.Sqlite;

namespace BookData.Cli.Hosting;

/// <summary>What a running command works with: its parsed command line, the console and the database.</summary>
internal sealed class CommandContext
{
    private readonly string? databaseOption;
    private string? databasePath;
    private BookDataConnectionFactory? connections;

    /// <summary>Creates the context of one invocation.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="console">The console and environment.</param>
    /// <param name="databaseOption">The <c>--db</c> value, or <see langword="null"/>.</param>
    public CommandContext(ParseResult parseResult, CliConsole console, string? databaseOption)
    {
        ParseResult = parseResult;
        Console = console;
        this.databaseOption = databaseOption;
    }

    /// <summary>The parsed command line.</summary>
    public ParseResult ParseResult { get; }

    /// <summary>The console and environment.</summary>
    public CliConsole Console { get; }

    /// <summary><see langword="true"/> when <c>--db</c> was given on the command line.</summary>
    public bool HasDatabaseOption => !string.IsNullOrWhiteSpace(databaseOption);

    /// <summary>The database file, resolved from <c>--db</c>, <c>BOOKDATA_DB</c> or the default location.</summary>
    public string DatabasePath => databasePath ??= DatabaseLocation.Resolve(databaseOption, Console);

    /// <summary>A connection factory for <see cref="DatabasePath"/>, created on first use.</summary>
    public BookDataConnectionFactory Connections => connections ??= CreateConnections(DatabasePath);

    /// <summary>Creates a connection factory for a database file.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="configure">Changes the library's default settings; none when <see langword="null"/>.</param>
    /// <returns>A factory for <paramref name="path"/>.</returns>
    public static BookDataConnectionFactory CreateConnections(string path, Action<BookDataOptions>? configure = null)
    {
        var options = new BookDataOptions
        {
            ConnectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString(),
        };
        configure?.Invoke(options);
        return new BookDataConnectionFactory(options);
    }
}
