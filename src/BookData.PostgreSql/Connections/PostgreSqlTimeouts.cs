using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace BookData.PostgreSql.Connections;

/// <summary>
/// The one place that turns <see cref="BookDataOptions.CommandTimeout"/>, the connection string's <c>Command Timeout</c>
/// and <see cref="BookDataOptions.MigrationTimeout"/> into Npgsql's command timeout (whole seconds, 0 = no limit), and
/// checks that no command timeout cuts a lock wait short of <see cref="BookDataOptions.BusyTimeout"/>.
/// </summary>
/// <remarks>
/// A lock wait is limited by the server's <c>lock_timeout</c> (the busy timeout), which fails with the documented lock
/// error. Npgsql's own command timeout (30 seconds unless the connection string says otherwise) would otherwise end a
/// longer wait first, with a bare "Exception while reading from stream".
/// </remarks>
internal static class PostgreSqlTimeouts
{
    /// <summary>How much longer than the busy timeout a command timeout must be, so the lock error always comes first.</summary>
    public static TimeSpan LockErrorMargin { get; } = TimeSpan.FromSeconds(1);

    private static readonly string[] CommandTimeoutKeys = ["Command Timeout", "CommandTimeout"];

    /// <summary>
    /// The command timeout of the factory's connections: <see cref="BookDataOptions.CommandTimeout"/> when set, else the
    /// connection string's own <c>Command Timeout</c> when it has one, else 0 (no limit).
    /// </summary>
    public static int CommandTimeoutSeconds(BookDataOptions options) =>
        options.CommandTimeout is { } timeout ? WholeSeconds(timeout)
        : ExplicitCommandTimeout(options.ConnectionString) is { } seconds ? seconds
        : 0;

    /// <summary>The command timeout of the migration's script statements and journal: <see cref="BookDataOptions.MigrationTimeout"/>, or 0 (no limit).</summary>
    public static int MigrationTimeoutSeconds(BookDataOptions options) =>
        options.MigrationTimeout is { } timeout ? WholeSeconds(timeout) : 0;

    /// <summary><paramref name="connectionString"/> with the migration's command timeout (<see cref="MigrationTimeoutSeconds"/>).</summary>
    public static string ForMigration(string connectionString, BookDataOptions options) =>
        new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = MigrationTimeoutSeconds(options) }.ToString();

    /// <summary>
    /// Refuses a command timeout (the option's, or else the connection string's) that is not at least
    /// <see cref="LockErrorMargin"/> longer than the busy timeout: it would end a lock wait before the lock error.
    /// </summary>
    /// <exception cref="BookDataValidationException">The command timeout would cut lock waits short.</exception>
    public static void Validate(BookDataOptions options)
    {
        var section = BookDataOptions.SectionName;
        var needed = options.BusyTimeout + LockErrorMargin;
        if (options.CommandTimeout is { } timeout)
        {
            if (timeout != TimeSpan.Zero && timeout < needed)
            {
                throw new BookDataValidationException(
                    $"{section}:{nameof(BookDataOptions.CommandTimeout)}",
                    $"CommandTimeout ({timeout}) must be at least one second longer than BusyTimeout ({options.BusyTimeout}): a statement waiting for another connection's lock "
                    + "must fail with the lock error after BusyTimeout, not be cancelled by the command timeout first. Raise CommandTimeout, lower BusyTimeout, or leave CommandTimeout unset (no limit).");
            }

            return;
        }

        if (ExplicitCommandTimeout(options.ConnectionString) is { } seconds && seconds != 0 && TimeSpan.FromSeconds(seconds) < needed)
        {
            throw new BookDataValidationException(
                $"{section}:{nameof(BookDataOptions.ConnectionString)}",
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The connection string's Command Timeout={seconds} (seconds) must be at least one second longer than BusyTimeout ({options.BusyTimeout}): a statement waiting for another connection's lock "
                    + $"must fail with the lock error after BusyTimeout, not be cancelled by the command timeout first. Remove Command Timeout from the connection string (no limit), raise it, "
                    + $"set {section}:{nameof(BookDataOptions.CommandTimeout)} (which replaces it), or lower BusyTimeout."));
        }
    }

    /// <summary>
    /// <see langword="true"/> when Npgsql ended a statement because it ran longer than its command timeout (it then asks
    /// the server to cancel it and breaks the wait with a <see cref="TimeoutException"/>).
    /// </summary>
    public static bool IsCommandTimeout(Exception? ex) =>
        ex is NpgsqlException { InnerException: TimeoutException } and not PostgresException;

    /// <summary>Whole seconds, rounded up, since Npgsql counts whole seconds and a shorter limit would cut lock waits.</summary>
    private static int WholeSeconds(TimeSpan timeout) => (int)Math.Min(int.MaxValue, Math.Ceiling(timeout.TotalSeconds));

    /// <summary>The connection string's <c>Command Timeout</c> when it sets one; Npgsql alone cannot tell an explicit 30 from its default.</summary>
    private static int? ExplicitCommandTimeout(string connectionString)
    {
        var keys = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return CommandTimeoutKeys.Any(keys.ContainsKey) ? new NpgsqlConnectionStringBuilder(connectionString).CommandTimeout : null;
    }
}
