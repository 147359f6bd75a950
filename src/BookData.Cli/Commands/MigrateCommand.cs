using System.CommandLine;
using System.Globalization;
using BookData.Cli.Hosting;
using BookData.Cli.Output;
using BookData.Migrations;
using Spectre.Console;
using SpectreText = Spectre.Console.Text;

namespace BookData.Cli.Commands;

/// <summary><c>bookdata migrate [--status] [--json]</c>.</summary>
internal static class MigrateCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="runner">Runs the action.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var status = new Option<bool>("--status")
        {
            Description = "List the applied scripts (with the time they ran) and the pending ones instead of applying anything.",
        };
        var allowChanged = new Option<bool>("--allow-changed")
        {
            Description = "Apply pending scripts even though an applied script's text has changed since it ran (drift); without it the migration stops and names the script.",
        };
        var backup = new Option<bool>("--backup")
        {
            Description = "Take an online backup of the SQLite database beside it before applying pending scripts (on PostgreSQL, use pg_dump).",
        };
        var json = CliOptions.CreateJson();
        var command = new Command(
            "migrate",
            """
            Applies the pending schema migrations, each in its own transaction, or lists them with --status. On PostgreSQL a missing database is created first (--status never creates it).
            Example: bookdata migrate --status
            """)
        {
            status,
            allowChanged,
            backup,
            json,
        };

        runner.SetAction(command, DatabaseUse.OpensItself, async (context, cancellationToken) =>
        {
            if (context.ParseResult.GetValue(backup) && context.Connections.Provider != BookDataProvider.Sqlite)
            {
                throw new CliUsageException(
                    $"migrate --backup copies SQLite database files; back up the PostgreSQL database '{context.Connections.DataSource}' with pg_dump before migrating: {BackupCommand.PgDumpCommand(context.ConnectionString)}");
            }

            var connections = context.CreateConnections(context.ConnectionString, options =>
            {
                options.AllowChangedMigrations = context.ParseResult.GetValue(allowChanged);
                options.BackupBeforeMigrate = context.ParseResult.GetValue(backup);
            });
            var migrator = new BookDataMigrator(connections);
            var asJson = context.ParseResult.GetValue(json);
            if (context.ParseResult.GetValue(status))
            {
                var current = await migrator.GetStatusAsync(cancellationToken).ConfigureAwait(false);
                if (asJson)
                {
                    WriteStatusJson(context.Console.Output, current);
                }
                else
                {
                    context.Console.Ansi.Write(StatusTable(current, connections.DataSource));
                }

                return ExitCodes.Success;
            }

            context.PrepareToWrite();
            var result = await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
            if (asJson)
            {
                JsonOutput.Write(context.Console.Output, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("applied");
                    foreach (var name in result.Applied)
                    {
                        writer.WriteStringValue(name);
                    }

                    writer.WriteEndArray();
                    writer.WriteString("backupPath", result.BackupPath);
                    writer.WriteEndObject();
                });
            }
            else if (result.Applied.Count == 0)
            {
                context.Console.Output.WriteLine($"Database '{connections.DataSource}' is up to date; no migration to apply.");
            }
            else
            {
                if (result.BackupPath is not null)
                {
                    context.Console.Output.WriteLine($"Backed up the database to {result.BackupPath}");
                }

                foreach (var name in result.Applied)
                {
                    context.Console.Output.WriteLine($"Applied {name}");
                }

                context.Console.Output.WriteLine(
                    $"Database '{connections.DataSource}' is up to date ({result.Applied.Count} script(s) applied).");
            }

            return ExitCodes.Success;
        });

        return command;
    }

    private static Table StatusTable(MigrationStatus status, string database)
    {
        var table = new Table()
            .Title(new TableTitle($"Migrations of {database}", new Style(decoration: Decoration.Bold)))
            .AddColumn("Script")
            .AddColumn("State")
            .AddColumn("Applied (UTC)");
        foreach (var applied in status.Applied)
        {
            var state = status.Changed.Contains(applied.Name, StringComparer.Ordinal)
                ? new SpectreText("applied, changed since", new Style(Color.Red))
                : status.Unknown.Contains(applied.Name, StringComparer.Ordinal)
                    ? new SpectreText("applied, unknown to this version", new Style(Color.Red))
                    : new SpectreText("applied");
            table.AddRow(
                new SpectreText(applied.Name),
                state,
                new SpectreText(applied.AppliedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
        }

        foreach (var pending in status.Pending)
        {
            table.AddRow(new SpectreText(pending), new SpectreText("pending", new Style(Color.Yellow)), new SpectreText(""));
        }

        return table;
    }

    /// <summary><c>{"applied":[{"name":"…","appliedUtc":"…","checksum":"…"}],"pending":["…"],"changed":["…"],"unknown":["…"]}</c>.</summary>
    private static void WriteStatusJson(TextWriter output, MigrationStatus status) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("applied");
            foreach (var applied in status.Applied)
            {
                json.WriteStartObject();
                json.WriteString("name", applied.Name);
                json.WriteString("appliedUtc", applied.AppliedUtc.ToUniversalTime());
                json.WriteString("checksum", applied.Checksum);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("pending");
            foreach (var pending in status.Pending)
            {
                json.WriteStringValue(pending);
            }

            json.WriteEndArray();
            json.WriteStartArray("changed");
            foreach (var changed in status.Changed)
            {
                json.WriteStringValue(changed);
            }

            json.WriteEndArray();
            json.WriteStartArray("unknown");
            foreach (var unknown in status.Unknown)
            {
                json.WriteStringValue(unknown);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
}
