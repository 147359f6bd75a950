using System.Text.RegularExpressions;
using BookData.Migrations;
using BookData.PostgreSql.Connections;
using Dapper;
using Npgsql;

namespace BookData.PostgreSql.Migrations;

/// <summary>
/// The PostgreSQL extensions the pending scripts create (citext in 0001, pg_trgm in 0002), checked before any script
/// runs: one that exists is left alone (its script's <c>CREATE EXTENSION IF NOT EXISTS</c> then needs no privilege);
/// one that is missing is created once in a transaction that is rolled back, which proves that this user may create
/// it (privilege, installed contrib files, a managed service's allow-list) without changing anything. The script
/// creates it for real, in its own transaction.
/// </summary>
internal static partial class PostgreSqlExtensions
{
    /// <summary>The savepoint the trial <c>CREATE EXTENSION</c> is rolled back to.</summary>
    private const string ExtensionSavepoint = "bookdata_extension_check";

    /// <summary>The extensions the scripts create, each with the first script that does, in script order.</summary>
    public static IReadOnlyList<(string Extension, string ScriptName)> NeededBy(IEnumerable<MigrationScript> scripts)
    {
        var needed = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var script in scripts)
        {
            foreach (Match match in CreateExtension().Matches(script.Contents))
            {
                var name = match.Groups["name"].Value.ToLowerInvariant();
                if (seen.Add(name))
                {
                    needed.Add((name, script.Name));
                }
            }
        }

        return needed;
    }

    /// <summary>
    /// Checks that every extension the pending scripts create exists or may be created by this user; creates nothing.
    /// The trial <c>CREATE EXTENSION</c> runs in a savepoint of <paramref name="transaction"/> (the migration lock's
    /// transaction) and is rolled back to it.
    /// </summary>
    /// <exception cref="BookDataMigrationException">
    /// An extension is missing and this user cannot create it; the message names it and what a DBA runs.
    /// </exception>
    public static async Task EnsureCreatableAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<MigrationScript> pending, string dataSource, CancellationToken cancellationToken)
    {
        var needed = NeededBy(pending);
        if (needed.Count == 0)
        {
            return;
        }

        var present = (await connection.QueryAsync<string>(new CommandDefinition(
            PostgreSqlMigrationSql.PresentExtensions,
            new { Names = needed.Select(need => need.Extension).ToArray() },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);

        await EnsureOnSearchPathAsync(connection, transaction, needed, dataSource, cancellationToken).ConfigureAwait(false);
        foreach (var (extension, scriptName) in needed)
        {
            if (present.Contains(extension))
            {
                continue;
            }

            await transaction.SaveAsync(ExtensionSavepoint, cancellationToken).ConfigureAwait(false);
            try
            {
                // CREATE EXTENSION takes no parameters: the name matched the identifier pattern above and is quoted.
                await connection.ExecuteAsync(new CommandDefinition(
                    $"CREATE EXTENSION IF NOT EXISTS \"{extension}\";", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            catch (PostgresException ex)
            {
                await transaction.RollbackAsync(ExtensionSavepoint, cancellationToken).ConfigureAwait(false);
                var who = await connection.QuerySingleAsync<(string Database, string User)>(new CommandDefinition(
                    PostgreSqlMigrationSql.CurrentDatabaseAndUser, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                throw new BookDataMigrationException(
                    scriptName, PostgreSqlErrors.MissingExtension(extension, scriptName, who.Database, who.User, dataSource, ex), ex);
            }

            await transaction.RollbackAsync(ExtensionSavepoint, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Refuses an extension the scripts need that exists in a schema off this user's search path (a DBA's habit of
    /// keeping extensions in a schema of their own): the scripts name its types and operator classes unqualified, so
    /// they would fail halfway with "does not exist".
    /// </summary>
    private static async Task EnsureOnSearchPathAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IReadOnlyList<(string Extension, string ScriptName)> needed,
        string dataSource,
        CancellationToken cancellationToken)
    {
        var offPath = (await connection.QueryAsync<(string Extension, string Schema)>(new CommandDefinition(
            PostgreSqlMigrationSql.ExtensionsOffSearchPath,
            new { Names = needed.Select(need => need.Extension).ToArray() },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        if (offPath.Count == 0)
        {
            return;
        }

        var (extension, schema) = offPath[0];
        var scriptName = needed.First(need => need.Extension == extension).ScriptName;
        var who = await connection.QuerySingleAsync<(string Database, string User)>(new CommandDefinition(
            PostgreSqlMigrationSql.CurrentDatabaseAndUser, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        throw new BookDataMigrationException(
            scriptName, PostgreSqlErrors.ExtensionOffSearchPath(extension, schema, scriptName, who.Database, who.User, dataSource));
    }

    [GeneratedRegex("""CREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?"?(?<name>[A-Za-z_][A-Za-z0-9_]*)"?""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreateExtension();
}
