namespace BookData.Cli.Hosting;

/// <summary>How a command uses the database, which decides whether it is migrated first.</summary>
internal enum DatabaseUse
{
    /// <summary>The database is brought up to date before the command runs.</summary>
    MigrateFirst = 0,

    /// <summary>The command opens the database itself (read-only, or a fresh file); nothing is migrated for it.</summary>
    OpensItself = 1,
}
