using System.Data;
using System.Globalization;
using System.Text;
using DbUp.Engine;

namespace BookData.Migrations;

/// <summary>
/// Wraps the journal of a SQLite migration run so that each script's foreign keys are checked inside the
/// script's own transaction, just before its journal entry is written and the transaction commits.
/// </summary>
/// <remarks>
/// The migrator applies SQLite scripts with foreign keys off (so a script may rebuild a table the way SQLite
/// documents it: create the new table, copy, drop the old one, rename). Nothing then stops a script from
/// leaving rows whose parent is gone, so this counts the rows <c>PRAGMA foreign_key_check</c> finds, per table
/// and parent, before the script (DbUp asks the journal to make sure of its table first, inside the script's
/// transaction) and again after it; when the script left more than there were, it throws: DbUp rolls the
/// script's transaction back and reports the script as failed. Rows that dangled before the script (a
/// catalog written with foreign keys off, by a shell or another tool) are the catalog's, not the script's, and
/// do not stop it.
/// </remarks>
/// <param name="inner">The journal that records the scripts.</param>
/// <param name="dataSource">The database, as messages name it.</param>
/// <param name="beforeFirstScript">
/// Run once, inside the first script's transaction (which holds SQLite's write lock) before the script: where the
/// backup before the migration is taken, so no other writer's commit can land between the copy and the script.
/// </param>
internal sealed class ForeignKeyCheckingJournal(IJournal inner, string dataSource, Action? beforeFirstScript = null) : IJournal
{
    /// <summary>Rows that dangled before the script now running, per (table, parent).</summary>
    private Dictionary<(string Child, string Parent), long> before = [];

    public string[] GetExecutedScripts() => inner.GetExecutedScripts();

    public void StoreExecutedScript(SqlScript script, Func<IDbCommand> dbCommandFactory)
    {
        ThrowIfScriptLeftRowsDangling(script.Name, dbCommandFactory);
        inner.StoreExecutedScript(script, dbCommandFactory);
    }

    public void EnsureTableExistsAndIsLatestVersion(Func<IDbCommand> dbCommandFactory)
    {
        Interlocked.Exchange(ref beforeFirstScript, null)?.Invoke();
        before = DanglingRows(dbCommandFactory).ToDictionary(row => (row.Child, row.Parent), row => row.Rows);
        inner.EnsureTableExistsAndIsLatestVersion(dbCommandFactory);
    }

    private void ThrowIfScriptLeftRowsDangling(string scriptName, Func<IDbCommand> dbCommandFactory)
    {
        var problems = new List<string>();
        foreach (var (child, parent, rows, firstRowId) in DanglingRows(dbCommandFactory))
        {
            var earlier = before.GetValueOrDefault((child, parent));
            if (rows <= earlier)
            {
                continue;
            }

            var example = firstRowId is { } rowId ? string.Create(CultureInfo.InvariantCulture, $", the first with rowid {rowId}") : "";
            var already = earlier > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({earlier} of them did before the script)") : "";
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{rows} row(s) in table '{child}' point to no row in '{parent}'{already}{example}"));
        }

        if (problems.Count == 0)
        {
            return;
        }

        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Migration script '{scriptName}' would leave rows whose foreign key points nowhere in database '{dataSource}': ")
            .AppendJoin("; ", problems)
            .Append(". The script was rolled back; a script that rebuilds a table must copy every row the other tables refer to, or delete the dependent rows itself.")
            .ToString();
        throw new BookDataMigrationException(scriptName, message);
    }

    private static List<(string Child, string Parent, long Rows, long? FirstRowId)> DanglingRows(Func<IDbCommand> dbCommandFactory)
    {
        using var command = dbCommandFactory();
        command.CommandText = MigrationSql.DanglingRowsSqlite;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, long, long?)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetInt64(3)));
        }

        return rows;
    }
}
