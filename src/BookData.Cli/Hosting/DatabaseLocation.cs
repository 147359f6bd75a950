using Microsoft.Data.Sqlite;

namespace BookData.Cli.Hosting;

/// <summary>Decides which database a command works on: a SQLite file or a connection string.</summary>
internal static class DatabaseLocation
{
    /// <summary>The environment variable that names the default database file: <c>BOOKDATA_DB</c>.</summary>
    public const string EnvironmentVariable = "BOOKDATA_DB";

    /// <summary>The environment variable that holds the default connection string: <c>BOOKDATA_CONNECTION</c>.</summary>
    public const string ConnectionEnvironmentVariable = "BOOKDATA_CONNECTION";

    /// <summary>The default database's folder name under the local application data folder.</summary>
    public const string FolderName = "bookdata";

    /// <summary>The default database's file name.</summary>
    public const string FileName = "bookdata.db";

    /// <summary>
    /// The connection string of the catalog: <paramref name="connectionOption"/> or a SQLite string for the
    /// <paramref name="databaseOption"/> file when one is given (not both), else <c>BOOKDATA_CONNECTION</c>
    /// or <c>BOOKDATA_DB</c> (not both), else <c>bookdata/bookdata.db</c> in the local application data
    /// folder (created if missing).
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
            return ForFile(databaseOption);
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
            return ForFile(file);
        }

        if (string.IsNullOrEmpty(console.LocalDataFolder))
        {
            throw new CliUsageException(
                $"There is no local data folder for the default database; pass --db PATH or --connection STRING, or set {EnvironmentVariable} or {ConnectionEnvironmentVariable}.");
        }

        var folder = Path.Combine(console.LocalDataFolder, FolderName);
        Directory.CreateDirectory(folder);
        return ForFile(Path.Combine(folder, FileName));
    }

    /// <summary>The SQLite connection string for a database file, with the path made absolute.</summary>
    /// <param name="path">The database file.</param>
    /// <returns>A connection string naming the file.</returns>
    public static string ForFile(string path) =>
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path) }.ToString();

    private static string RequireConnectionString(string value, string source) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new CliUsageException(
                $"{source} is empty; give a connection string such as \"Host=SERVER;Database=NAME;Username=USER\" or \"Data Source=FILE\".")
            : value;
}
