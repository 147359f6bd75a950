using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace BookData.Migrations;

/// <summary>
/// Stops a SQLite migration before a script that rebuilds a table (creates a copy, drops the table, renames the copy
/// into its place) when the catalog's table is no longer defined as BookData's scripts defined it: the rebuild writes
/// BookData's definition, so whatever the owner changed in the table's own text (a <c>CHECK</c>, a foreign key's
/// <c>ON DELETE</c> action, a collation, a default) would be gone without a word.
/// </summary>
/// <remarks>
/// BookData's definition is found by running the scripts applied before the rebuilding one on an empty in-memory
/// database, so the rule stays in the scripts. A difference the script's own guard names (its <c>*_guard</c> check:
/// columns, indexes or triggers the owner added) is left to the guard, which stops the script with its own message.
/// </remarks>
internal static partial class TableRebuildCheck
{
    /// <exception cref="BookDataMigrationException">A pending script would rebuild a table whose definition the owner changed.</exception>
    public static void ThrowIfOwnerChangedARebuiltTable(SqliteConnection connection, IReadOnlyList<MigrationScript> scripts, MigrationPlan plan, string dataSource)
    {
        if (plan.IsEmptyDatabase || plan.Pending.Count == 0)
        {
            return;
        }

        var pending = plan.Pending.Select(script => script.Name).ToHashSet(StringComparer.Ordinal);
        var before = scripts.Where(script => !pending.Contains(script.Name)).ToList();
        foreach (var script in scripts.Where(script => pending.Contains(script.Name)))
        {
            if (RenamedInto().Match(script.Contents) is { Success: true } rebuild)
            {
                var table = rebuild.Groups["table"].Value;
                var expected = DefinitionAfter(before, table);
                var actual = Definition(connection, table);
                if (expected is not null && actual is not null && !string.Equals(expected, actual, StringComparison.Ordinal)
                    && ScriptGuard.FindingsNow(connection, script) is null)
                {
                    throw new BookDataMigrationException(
                        script.Name,
                        $"Migration script '{script.Name}' rebuilds table '{table}' of database '{dataSource}', whose definition is no longer the one BookData's migrations gave it, so the rebuild would drop what was changed in it (a CHECK, a foreign key's action, a collation, a default) without a word. Nothing was changed. The catalog's: {OneLine(actual)} BookData's: {OneLine(expected)} Give '{table}' BookData's definition again (docs/migrations.md, \"Rebuilding a SQLite table\"), keeping your own rules in triggers or a table of your own, migrate, then put them back.");
                }
            }

            before.Add(script);
        }
    }

    /// <summary>
    /// The table's definition after <paramref name="applied"/> ran on an empty database; none if they do not create it,
    /// or cannot run on an empty database (then there is nothing to compare, and the script's own checks stand).
    /// </summary>
    private static string? DefinitionAfter(IReadOnlyList<MigrationScript> applied, string table)
    {
        using var scratch = new SqliteConnection("Data Source=:memory:");
        scratch.Open();
        try
        {
            foreach (var script in applied)
            {
                using var command = scratch.CreateCommand();
                command.CommandText = script.Contents;
                command.ExecuteNonQuery();
            }
        }
        catch (SqliteException)
        {
            return null;
        }

        return Definition(scratch, table);
    }

    private static string? Definition(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = MigrationSql.TableDefinitionSqlite;
        command.Parameters.AddWithValue("@Table", table);
        return command.ExecuteScalar() as string;
    }

    private static string OneLine(string sql) => WhiteSpace().Replace(sql, " ").Trim() + ".";

    [GeneratedRegex(@"ALTER\s+TABLE\s+""?\w+""?\s+RENAME\s+TO\s+""?(?<table>\w+)""?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RenamedInto();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhiteSpace();
}
