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
/// leaving rows whose parent is gone, so this runs <c>PRAGMA foreign_key_check</c> and, when anything
/// dangles, throws: DbUp rolls the script's transaction back and reports the script as failed.
/// </remarks>
internal sealed class ForeignKeyCheckingJournal(IJournal inner, string dataSource) : IJournal
{
    public string[] GetExecutedScripts() => inner.GetExecutedScripts();

    public void StoreExecutedScript(SqlScript script, Func<IDbCommand> dbCommandFactory)
    {
        ThrowIfRowsDangle(script.Name, dbCommandFactory);
        inner.StoreExecutedScript(script, dbCommandFactory);
    }

    public void EnsureTableExistsAndIsLatestVersion(Func<IDbCommand> dbCommandFactory) =>
        inner.EnsureTableExistsAndIsLatestVersion(dbCommandFactory);

    private void ThrowIfRowsDangle(string scriptName, Func<IDbCommand> dbCommandFactory)
    {
        using var command = dbCommandFactory();
        command.CommandText = MigrationSql.DanglingRowsSqlite;
        using var reader = command.ExecuteReader();
        var problems = new List<string>();
        string? firstTable = null;
        while (reader.Read())
        {
            var child = reader.GetString(0);
            var parent = reader.GetString(1);
            var rows = reader.GetInt64(2);
            firstTable ??= child;
            var example = reader.IsDBNull(3) ? "" : string.Create(CultureInfo.InvariantCulture, $", the first with rowid {reader.GetInt64(3)}");
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{rows} row(s) in table '{child}' point to no row in '{parent}'{example}"));
        }

        if (firstTable is null)
        {
            return;
        }

        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Migration script '{scriptName}' would leave rows whose foreign key points nowhere in database '{dataSource}': ")
            .AppendJoin("; ", problems)
            .Append(". The script was rolled back; copy every row the other tables refer to into the rebuilt table, or delete the dependent rows in the script.")
            .ToString();
        throw new BookDataMigrationException(scriptName, message);
    }
}
