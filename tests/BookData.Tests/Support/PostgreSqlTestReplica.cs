using System.Diagnostics;
using Npgsql;

namespace BookData.Tests.Support;

/// <summary>
/// A streaming replica (hot standby, read-only) of the test server, named by <c>BOOKDATA_TEST_POSTGRES_REPLICA</c>
/// (<c>.ci/postgres.sh</c> starts one). A test creates its database on the primary, waits with
/// <see cref="WaitForReplayAsync"/>, and reads it here. <see cref="StopAsync"/> and <see cref="StartAsync"/> take it
/// down and back up through <c>.ci/postgres-replica.sh</c> (<c>BOOKDATA_TEST_POSTGRES_REPLICA_CTL</c>); a test class
/// that does so belongs to the <see cref="PostgreSqlReplicaTests"/>, which runs alone.
/// </summary>
public static class PostgreSqlTestReplica
{
    /// <summary>The environment variable holding the replica's connection string.</summary>
    public const string VariableName = "BOOKDATA_TEST_POSTGRES_REPLICA";

    /// <summary>The environment variable holding the path of the script that stops and starts the replica.</summary>
    public const string ControlVariableName = "BOOKDATA_TEST_POSTGRES_REPLICA_CTL";

    /// <summary>Why replica tests are skipped when no replica is configured.</summary>
    public const string SkipReason =
        "PostgreSQL replica tests need a streaming replica of BOOKDATA_TEST_POSTGRES: set BOOKDATA_TEST_POSTGRES_REPLICA to its Npgsql connection string (.ci/postgres.sh starts one)";

    /// <summary>How long <see cref="WaitForReplayAsync"/> waits by default.</summary>
    public static readonly TimeSpan DefaultReplayTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The configured connection string (its database is the maintenance database), or null.</summary>
    public static string? ConnectionString { get; } =
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value ? value : null;

    /// <summary>Whether a replica is configured.</summary>
    public static bool IsConfigured => ConnectionString is not null;

    /// <summary>The replica's connection string with another database.</summary>
    /// <exception cref="InvalidOperationException">No replica is configured.</exception>
    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(RequireConnectionString()) { Database = database }.ConnectionString;

    /// <summary>
    /// Waits until the replica has replayed everything the primary had written when this was called: the primary's
    /// <c>pg_current_wal_insert_lsn()</c> (not <c>pg_current_wal_lsn()</c>, which with the test server's
    /// <c>synchronous_commit=off</c> can lie before the last commit record) against the replica's
    /// <c>pg_last_wal_replay_lsn()</c>, polled every 20 ms.
    /// </summary>
    /// <param name="timeout">How long to wait; <see cref="DefaultReplayTimeout"/> when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">The replica had not caught up in time; the message names both positions.</exception>
    public static async Task WaitForReplayAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        string target;
        await using (var primary = new NpgsqlConnection(PostgreSqlTestServer.ConnectionString ?? throw new InvalidOperationException(PostgreSqlTestServer.SkipReason)))
        {
            await primary.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()::text;", primary);
            target = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? DefaultReplayTimeout;
        await using var replica = new NpgsqlConnection(RequireConnectionString());
        await replica.OpenAsync(cancellationToken);
        await using var poll = new NpgsqlCommand(
            "SELECT coalesce(pg_last_wal_replay_lsn() >= @Target::pg_lsn, false), coalesce(pg_last_wal_replay_lsn()::text, 'nothing');", replica);
        poll.Parameters.AddWithValue("Target", target);
        while (true)
        {
            await using (var reader = await poll.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                if (reader.GetBoolean(0))
                {
                    return;
                }

                if (deadline.Elapsed >= limit)
                {
                    throw new TimeoutException(
                        $"The replica replayed up to {reader.GetString(1)} but not to the primary's {target} within {limit.TotalSeconds} s.");
                }
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Stops the replica (fast shutdown) and returns once it is down.</summary>
    /// <exception cref="InvalidOperationException">No control script is configured, or it failed (its output is in the message).</exception>
    public static Task StopAsync() => ControlAsync("stop");

    /// <summary>Starts the replica again and returns once it accepts connections.</summary>
    /// <exception cref="InvalidOperationException">No control script is configured, or it failed (its output is in the message).</exception>
    public static Task StartAsync() => ControlAsync("start");

    private static async Task ControlAsync(string verb)
    {
        var script = Environment.GetEnvironmentVariable(ControlVariableName);
        if (string.IsNullOrEmpty(script))
        {
            throw new InvalidOperationException(
                $"Stopping or starting the replica needs {ControlVariableName}, the path of .ci/postgres-replica.sh (.ci/postgres.sh sets it).");
        }

        NpgsqlConnection.ClearAllPools();
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(verb);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {script}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{script} {verb} did not finish within 90 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {verb} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    private static string RequireConnectionString() =>
        ConnectionString ?? throw new InvalidOperationException(SkipReason);
}
