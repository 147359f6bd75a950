using System.CommandLine;
using System.Globalization;
using BookData.Cli.Hosting;
using BookData.Connections;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BookData.Cli.Commands;

/// <summary><c>bookdata backup FILE [--force]</c>: an online backup of the catalog into a new file.</summary>
internal static class BackupCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="runner">Runs the action.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<string>("file") { Description = "The backup file to create." };
        var force = new Option<bool>("--force") { Description = "Replace FILE if it already exists." };
        var command = new Command(
            "backup",
            """
            Copies the catalog into a new database file with SQLite's online backup: a consistent snapshot, taken while other programs keep reading and writing. SQLite only: back up a PostgreSQL database with pg_dump.
            The catalog's own database (and its -wal, -shm, -journal files), a folder, a FIFO or a device is refused; a symbolic link is followed: the file it points to is replaced and the link stays.
            A FILE with a -wal, -shm or -journal file beside it is refused, even with --force: SQLite would read the new copy together with them.
            Ctrl+C stops the copy and removes it (exit code 130); a copy a killed backup left is removed by the next backup to FILE.
            Example: bookdata backup catalog-backup.db
            """)
        {
            file,
            force,
        };

        runner.SetAction(command, DatabaseUse.OpensItself, async (context, cancellationToken) =>
        {
            var connections = context.Connections;
            if (connections.Provider != BookDataProvider.Sqlite)
            {
                throw new CliUsageException(
                    $"bookdata backup copies SQLite database files; back up the PostgreSQL database '{connections.DataSource}' with pg_dump instead: {PgDumpCommand(connections.ConnectionString)}");
            }

            var source = BookData.Files.LinkedPath.ResolveOrKeep(connections.DataSource);
            var target = OutputPath.Check(context, context.ParseResult.GetRequiredValue(file), context.ParseResult.GetValue(force));

            await BackupAsync(context, target, cancellationToken).ConfigureAwait(false);
            var size = new FileInfo(target).Length;
            context.Console.Output.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"Backed up '{source}' to '{target}' ({size:N0} bytes)."));
            return ExitCodes.Success;
        });

        return command;
    }

    /// <summary>The <c>pg_dump</c> command line that backs up the database a PostgreSQL connection string names (never with its password).</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>For example <c>pg_dump --host=db --port=5432 --username=app --format=custom --file=catalog.dump catalog</c>.</returns>
    public static string PgDumpCommand(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var user = string.IsNullOrEmpty(builder.Username) ? "" : $" --username={builder.Username}";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"pg_dump --host={builder.Host} --port={builder.Port}{user} --format=custom --file=catalog.dump {builder.Database}");
    }

    /// <summary>
    /// Backs up through the library's backup routine: into a temporary file beside <paramref name="target"/>, moved
    /// into place when complete, so a failed or interrupted backup (a full disk) leaves neither a partial file nor
    /// its journal, and the error names both files.
    /// </summary>
    private static async Task BackupAsync(CommandContext context, string target, CancellationToken cancellationToken)
    {
        // Read-only: the source is never migrated or changed; in WAL mode the backup reads one
        // consistent snapshot while writers carry on.
        var source = await context.Connections.OpenReadOnlyAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            try
            {
                SqliteBackup.Write((SqliteConnection)source, target, context.Connections.DataSource, "", logger: null, cancellationToken);
            }
            catch (BookDataValidationException ex)
            {
                // The target cannot be replaced safely (an old -wal or -journal lies beside it): a refused argument, like an existing FILE without --force.
                throw new CliUsageException(ex.Message, ex);
            }
        }
    }
}
