using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BookData.Benchmarks.RawAdoNet;

/// <summary>
/// BookData's connection settings, applied by hand the way its connection factory applies them: the same
/// connection string (pooling on, command timeout from the busy timeout, foreign keys left to the setup),
/// foreign keys and the busy timeout through SQLite's C interface on every open, and the
/// <c>synchronous</c> pragma once per pooled SQLite connection.
/// </summary>
public sealed class ConnectionSetup
{
    private const int EnableForeignKeys = 1002;
    private static readonly ConditionalWeakTable<sqlite3, string> SynchronousApplied = new();
    private readonly int busyMilliseconds;
    private readonly string synchronousPragma;

    public ConnectionSetup(BookDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ConnectionString = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        busyMilliseconds = (int)options.BusyTimeout.TotalMilliseconds;
        var synchronous = options.Synchronous == SynchronousMode.Full ? "FULL" : "NORMAL";
        synchronousPragma = string.Create(CultureInfo.InvariantCulture, $"PRAGMA synchronous = {synchronous};");
    }

    public string ConnectionString { get; }

    /// <summary>Applies the settings to a connection that was just opened.</summary>
    public void Apply(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var handle = connection.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_db_config(handle, EnableForeignKeys, 1, out _), handle);
        SqliteException.ThrowExceptionForRC(raw.sqlite3_busy_timeout(handle, busyMilliseconds), handle);
        if (!SynchronousApplied.TryGetValue(handle, out var applied) || !string.Equals(applied, synchronousPragma, StringComparison.Ordinal))
        {
            using var command = connection.CreateCommand();
            command.CommandText = synchronousPragma;
            command.ExecuteNonQuery();
            SynchronousApplied.AddOrUpdate(handle, synchronousPragma);
        }
    }
}
