using Microsoft.Data.Sqlite;

namespace BookData.Cli.Hosting;

/// <summary>Decides which database a command works on: a SQLite file or a connection string.</summary>
internal static partial class DatabaseLocation
{
    /// <summary>The environment variable that names the default database file: <c>BOOKDATA_DB</c>.</summary>
    public const string EnvironmentVariable = "BOOKDATA_DB";

    /// <summary>The environment variable that holds the default connection string: <c>BOOKDATA_CONNECTION</c>.</summary>
    public const string ConnectionEnvironmentVariable = "BOOKDATA_CONNECTION";

    /// <summary>The environment variable that holds the default read replica connection string: <c>BOOKDATA_READ_CONNECTION</c>.</summary>
    public const string ReadConnectionEnvironmentVariable = "BOOKDATA_READ_CONNECTION";

    /// <summary>The default database's folder name under the local application data folder.</summary>
    public const string FolderName = "bookdata";

    /// <summary>The default database's file name.</summary>
    public const string FileName = "bookdata.db";

    /// <summary>
    /// The connection string of the catalog: <paramref name="connectionOption"/> or a SQLite string for the
    /// <paramref name="databaseOption"/> file when one is given (not both), else <c>BOOKDATA_CONNECTION</c>
    /// or <c>BOOKDATA_DB</c> (not both), else <c>bookdata/bookdata.db</c> in the local application data
    /// folder. Nothing is created here: a command that writes creates the default folder through
    /// <see cref="CreateDefaultFolder"/>, and a read-only one leaves the disk as it was.
    /// </summary>
    /// <param name="databaseOption">The <c>--db</c> value, or <see langword="null"/>.</param>
    /// <param name="connectionOption">The <c>--connection</c> value, or <see langword="null"/>.</param>
    /// <param name="console">Supplies the environment.</param>
    /// <returns>A connection string for <see cref="BookDataOptions.ConnectionString"/>.</returns>
    /// <exception cref="CliUsageException">
    /// Both a file and a connection string were given, the connection string is blank, or no database was
    /// named and the platform has no local data folder.
    /// </exception>
    public static string Resolve(string? databaseOption, string? connectionOption, CliConsole console)
    {
        if (databaseOption is not null && connectionOption is not null)
        {
            throw new CliUsageException("--db and --connection both name the database; give only one of them.");
        }

        if (connectionOption is not null)
        {
            return RequireConnectionString(connectionOption, "--connection");
        }

        if (!string.IsNullOrWhiteSpace(databaseOption))
        {
            return ForFile(RequireFilePath(databaseOption, "--db"));
        }

        var connection = console.GetEnvironmentVariable(ConnectionEnvironmentVariable);
        var file = console.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(connection) && !string.IsNullOrWhiteSpace(file))
        {
            throw new CliUsageException(
                $"{ConnectionEnvironmentVariable} and {EnvironmentVariable} are both set; unset one of them, or choose with --connection or --db.");
        }

        if (!string.IsNullOrEmpty(connection))
        {
            return RequireConnectionString(connection, ConnectionEnvironmentVariable);
        }

        if (!string.IsNullOrWhiteSpace(file))
        {
            return ForFile(RequireFilePath(file, EnvironmentVariable));
        }

        if (string.IsNullOrEmpty(console.LocalDataFolder))
        {
            throw new CliUsageException(
                $"There is no local data folder for the default database; pass --db PATH or --connection STRING, or set {EnvironmentVariable} or {ConnectionEnvironmentVariable}.");
        }

        return ForFile(Path.Combine(console.LocalDataFolder, FolderName, FileName));
    }

    /// <summary>
    /// Creates the default database's folder (<c>bookdata</c> in the local application data folder) when
    /// <paramref name="connectionString"/> names the default database file and the folder is missing.
    /// </summary>
    /// <param name="connectionString">The resolved connection string.</param>
    /// <param name="console">Supplies the local application data folder.</param>
    public static void CreateDefaultFolder(string connectionString, CliConsole console)
    {
        if (string.IsNullOrEmpty(console.LocalDataFolder))
        {
            return;
        }

        var folder = Path.Combine(console.LocalDataFolder, FolderName);
        if (string.Equals(connectionString, ForFile(Path.Combine(folder, FileName)), StringComparison.Ordinal))
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>
    /// The read replica's connection string: <paramref name="readConnectionOption"/> when given, else
    /// <c>BOOKDATA_READ_CONNECTION</c> when set and not empty, else <see langword="null"/> (reads use the catalog itself),
    /// with where it came from for messages.
    /// </summary>
    /// <param name="readConnectionOption">The <c>--read-connection</c> value, or <see langword="null"/>.</param>
    /// <param name="console">Supplies the environment.</param>
    /// <returns>The connection string and its source, or <see langword="null"/>.</returns>
    public static (string ConnectionString, string Source)? ResolveReadReplica(string? readConnectionOption, CliConsole console)
    {
        if (readConnectionOption is not null)
        {
            return (readConnectionOption, "--read-connection");
        }

        return console.GetEnvironmentVariable(ReadConnectionEnvironmentVariable) is { Length: > 0 } fromEnvironment
            ? (fromEnvironment, ReadConnectionEnvironmentVariable)
            : null;
    }

    /// <summary>
    /// The SQLite connection string for a database file, with the path made absolute but not tidied: a <c>..</c>
    /// after a symbolic link to a folder must lead where the operating system and SQLite take it (beside the link's
    /// target), which tidying the text would change.
    /// </summary>
    /// <param name="path">The database file.</param>
    /// <returns>A connection string naming the file.</returns>
    public static string ForFile(string path) =>
        new SqliteConnectionStringBuilder { DataSource = Path.IsPathRooted(path) ? path : Path.Combine(Environment.CurrentDirectory, path) }.ToString();

    private static string RequireConnectionString(string value, string source)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new CliUsageException(
                $"{source} is empty; give a connection string such as \"Host=SERVER;Database=NAME;Username=USER\" or \"Data Source=FILE\".");
        }

        if (IsInMemory(value))
        {
            throw new CliUsageException(
                $"{source} names an in-memory SQLite database, which is gone when the command ends; give a database file instead.");
        }

        return value;
    }

    /// <summary>
    /// A <c>--db</c> (or <c>BOOKDATA_DB</c>) value is a file path: <c>:memory:</c>, a <c>file:</c> URI or a
    /// connection string would become a file of that name (and put a password into messages), so they are refused
    /// without being echoed; so is a control character (a carriage return left by a Windows line ending), shown escaped.
    /// </summary>
    private static string RequireFilePath(string value, string source)
    {
        var trimmed = value.Trim();
        if (trimmed.Equals(":memory:", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            || trimmed.Contains("://", StringComparison.Ordinal)
            || ConnectionStringKey().IsMatch(trimmed))
        {
            throw new CliUsageException(
                $"{source} takes the path of a database file, and this value looks like a connection string or an in-memory database; pass a connection string with --connection (or {ConnectionEnvironmentVariable}), or a file path.");
        }

        if (value.Any(char.IsControl))
        {
            // Checked here, before the path goes into a connection string, whose parser drops some of them silently.
            var control = value.First(char.IsControl);
            throw new CliUsageException(
                $"{source} '{BookData.Connections.SqliteDataSource.Escape(value)}' holds the control character '{BookData.Connections.SqliteDataSource.Escape(control.ToString())}', which would become part of the file's name; "
                + "remove it (a value read from a file with Windows line endings often ends in '\\r').");
        }

        return value;
    }

    /// <summary>
    /// Whether a SQLite connection string opens a database with no file, as SQLite reads it
    /// (<see cref="BookData.Connections.SqliteDataSource"/>); a PostgreSQL or malformed one is not, and validation says why.
    /// </summary>
    private static bool IsInMemory(string connectionString)
    {
        try
        {
            return BookData.Connections.SqliteDataSource.For(connectionString).IsInMemory;
        }
        catch (Exception ex) when (ex is ArgumentException or BookDataValidationException)
        {
            return false;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(^|;)\s*(data\s*source|datasource|filename|mode|cache|password|pwd|host|server|username|user\s*id|database)\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ConnectionStringKey();
}
