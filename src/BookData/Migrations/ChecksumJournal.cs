using System.Data;
using System.Globalization;
using DbUp.Engine;
using DbUp.Engine.Transactions;

namespace BookData.Migrations;

/// <summary>
/// DbUp journal kept in the <c>schema_version</c> table: one row per applied script with the
/// SHA-256 of its text, so a script edited after it shipped is detected.
/// </summary>
internal sealed class ChecksumJournal : IJournal
{
    /// <summary>The journal table's name.</summary>
    public const string TableName = "schema_version";

    private readonly Func<IConnectionManager> connectionManager;
    private readonly Providers.CatalogStatements statements;
    private readonly Dictionary<string, MigrationScript> scriptsByName;

    public ChecksumJournal(Func<IConnectionManager> connectionManager, Providers.CatalogStatements statements, IEnumerable<MigrationScript> scripts)
    {
        this.connectionManager = connectionManager;
        this.statements = statements;
        scriptsByName = scripts.ToDictionary(script => script.Name, StringComparer.Ordinal);
    }

    public string[] GetExecutedScripts() =>
        connectionManager().ExecuteCommandsWithManagedConnection(commandFactory =>
            ReadJournal(commandFactory, statements).Select(entry => entry.Name).ToArray());

    public void StoreExecutedScript(SqlScript script, Func<IDbCommand> dbCommandFactory)
    {
        EnsureTableExistsAndIsLatestVersion(dbCommandFactory);
        var checksum = scriptsByName.TryGetValue(script.Name, out var known)
            ? known.Checksum
            : new MigrationScript(script.Name, script.Contents).Checksum;

        using var command = dbCommandFactory();
        command.CommandText = MigrationSql.InsertJournalEntry;
        AddParameter(command, "@ScriptName", script.Name);
        AddParameter(command, "@Checksum", checksum);
        AddParameter(command, "@AppliedUtc", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    public void EnsureTableExistsAndIsLatestVersion(Func<IDbCommand> dbCommandFactory)
    {
        using var command = dbCommandFactory();
        command.CommandText = statements.CreateJournal;
        command.ExecuteNonQuery();
    }

    /// <summary>Reads the journal in script order; empty when the table does not exist yet.</summary>
    public static IReadOnlyList<AppliedMigration> ReadJournal(Func<IDbCommand> commandFactory, Providers.CatalogStatements statements)
    {
        using (var exists = commandFactory())
        {
            exists.CommandText = statements.JournalExists;
            if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                return [];
            }
        }

        using var command = commandFactory();
        command.CommandText = MigrationSql.SelectJournal;
        using var reader = command.ExecuteReader();
        var entries = new List<AppliedMigration>();
        while (reader.Read())
        {
            entries.Add(new AppliedMigration(
                reader.GetString(0),
                reader.GetString(1),
                DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }

        return entries;
    }

    private static void AddParameter(IDbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
