using System.Data.Common;
using System.Text.RegularExpressions;

namespace BookData.Migrations;

/// <summary>
/// A script's guard: a table named <c>…_guard</c> whose <c>CHECK</c> constraint's name is the message, filled by one
/// <c>INSERT INTO …_guard (own_objects) SELECT …</c> that lists what would stop the script (migration 0003 has one).
/// When the guard stops its script, the migrator runs that <c>SELECT</c> again, taken from the script's own text, so
/// the error names what was found: the rule lives in the script alone.
/// </summary>
internal static partial class ScriptGuard
{
    /// <summary>SQLITE_CONSTRAINT_CHECK.</summary>
    private const int CheckConstraint = 275;

    /// <summary>What the guard of <paramref name="script"/> finds now, if <paramref name="error"/> is its check failing; otherwise none.</summary>
    /// <remarks>Best effort: a failure to ask gives none, and the script's own error stands.</remarks>
    public static string? Findings(DbConnection connection, MigrationScript script, Exception? error) =>
        error is Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: CheckConstraint } ? FindingsNow(connection, script) : null;

    /// <summary>What the guard of <paramref name="script"/> would find now, before the script runs; none when it has no guard or finds nothing.</summary>
    /// <remarks>Best effort, as <see cref="Findings"/>.</remarks>
    public static string? FindingsNow(DbConnection connection, MigrationScript script)
    {
        if (GuardSelect().Match(script.Contents) is not { Success: true } guard)
        {
            return null;
        }

        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = guard.Groups["select"].Value;
            return command.ExecuteScalar() as string;
        }
        catch (DbException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^INSERT INTO \w+_guard \(own_objects\)\s*(?<select>SELECT\b.*?);[ \t]*$", RegexOptions.Singleline | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex GuardSelect();
}
