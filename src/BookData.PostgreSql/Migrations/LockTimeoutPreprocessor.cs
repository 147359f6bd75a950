using System.Globalization;
using DbUp.Engine;

namespace BookData.PostgreSql.Migrations;

/// <summary>
/// Starts every migration script with its transaction's <c>lock_timeout</c> (the busy timeout, as <c>SET LOCAL</c> sets
/// it): a script that needs a table another connection holds fails after the busy timeout instead of waiting for ever.
/// Set inside each script's transaction (DbUp runs one per script), never on the session, so it holds behind a
/// transaction-pooling pooler too. The journal's checksums are of the scripts as written, not as run.
/// </summary>
internal sealed class LockTimeoutPreprocessor(TimeSpan busyTimeout) : IScriptPreprocessor
{
    // PostgreSQL reads lock_timeout = 0 as "wait for ever"; a zero busy timeout means "do not wait".
    private readonly string setLockTimeout = PostgreSqlMigrationSql.SetScriptLockTimeout.Replace(
        "{0}", Math.Max((long)busyTimeout.TotalMilliseconds, 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public string Process(string contents) => setLockTimeout + contents;
}
