using System.Data.Common;

namespace BookData.Migrations;

/// <summary>A database's journal compared with the scripts this library carries.</summary>
/// <param name="Applied">The journal entries, in script order.</param>
/// <param name="Pending">Carried scripts not in the journal, in the order they run.</param>
/// <param name="Changed">Journaled scripts whose carried text no longer has the checksum that was applied.</param>
/// <param name="Unknown">Journaled scripts this library does not carry.</param>
/// <param name="IsEmptyDatabase"><see langword="true"/> when the database holds no table, index, view or trigger.</param>
internal sealed record MigrationPlan(
    IReadOnlyList<AppliedMigration> Applied,
    IReadOnlyList<MigrationScript> Pending,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Unknown,
    bool IsEmptyDatabase)
{
    /// <summary>The plan for a database file that does not exist yet: everything pending.</summary>
    public static MigrationPlan ForNewDatabase(IReadOnlyList<MigrationScript> scripts) =>
        Compare([], scripts, isEmptyDatabase: true);

    /// <summary>Reads the journal on an open connection and compares it with <paramref name="scripts"/>.</summary>
    /// <exception cref="BookDataDatabaseException">The database cannot be read, for example because it is not a SQLite database.</exception>
    public static MigrationPlan Read(DbConnection connection, Providers.CatalogProvider provider, string dataSource, IReadOnlyList<MigrationScript> scripts)
    {
        try
        {
            var applied = ChecksumJournal.ReadJournal(connection.CreateCommand, provider.Statements);
            using var command = connection.CreateCommand();
            command.CommandText = provider.Statements.CountSchemaObjects;
            var isEmpty = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0;
            return Compare(applied, scripts, isEmpty);
        }
        catch (DbException ex)
        {
            throw provider.Translate(dataSource, ex);
        }
    }

    /// <summary>The plan as the public status record.</summary>
    public MigrationStatus ToStatus() =>
        new(Applied, Pending.Select(script => script.Name).ToArray(), Changed, Unknown);

    private static MigrationPlan Compare(IReadOnlyList<AppliedMigration> applied, IReadOnlyList<MigrationScript> scripts, bool isEmptyDatabase)
    {
        var carried = scripts.ToDictionary(script => script.Name, StringComparer.Ordinal);
        var journaled = applied.Select(entry => entry.Name).ToHashSet(StringComparer.Ordinal);

        var pending = scripts.Where(script => !journaled.Contains(script.Name)).ToArray();
        var changed = applied
            .Where(entry => carried.TryGetValue(entry.Name, out var script)
                && !string.Equals(script.Checksum, entry.Checksum, StringComparison.OrdinalIgnoreCase))
            .Select(entry => entry.Name)
            .ToArray();
        var unknown = applied
            .Where(entry => !carried.ContainsKey(entry.Name))
            .Select(entry => entry.Name)
            .ToArray();

        return new MigrationPlan(applied, pending, changed, unknown, isEmptyDatabase);
    }
}
