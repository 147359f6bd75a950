namespace BookData.Cli.Hosting;

/// <summary>Decides which database file a command works on.</summary>
internal static class DatabaseLocation
{
    /// <summary>The environment variable that names the default database: <c>BOOKDATA_DB</c>.</summary>
    public const string EnvironmentVariable = "BOOKDATA_DB";

    /// <summary>The default database's folder name under the local application data folder.</summary>
    public const string FolderName = "bookdata";

    /// <summary>The default database's file name.</summary>
    public const string FileName = "bookdata.db";

    /// <summary>
    /// The database file: <paramref name="databaseOption"/> when given, else <c>BOOKDATA_DB</c>, else
    /// <c>bookdata/bookdata.db</c> in the local application data folder (created if missing).
    /// </summary>
    /// <param name="databaseOption">The <c>--db</c> value, or <see langword="null"/>.</param>
    /// <param name="console">Supplies the environment.</param>
    /// <returns>The full path of the database file.</returns>
    /// <exception cref="CliUsageException">No path was given and the platform has no local data folder.</exception>
    public static string Resolve(string? databaseOption, CliConsole console)
    {
        var path = string.IsNullOrWhiteSpace(databaseOption)
            ? console.GetEnvironmentVariable(EnvironmentVariable)
            : databaseOption;
        if (!string.IsNullOrWhiteSpace(path))
        {
            return Path.GetFullPath(path);
        }

        if (string.IsNullOrEmpty(console.LocalDataFolder))
        {
            throw new CliUsageException(
                $"There is no local data folder for the default database; pass --db PATH or set {EnvironmentVariable}.");
        }

        var folder = Path.Combine(console.LocalDataFolder, FolderName);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, FileName);
    }
}
