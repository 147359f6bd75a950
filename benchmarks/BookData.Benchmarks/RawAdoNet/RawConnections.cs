using System.Globalization;
using Microsoft.Data.Sqlite;

namespace BookData.Benchmarks.RawAdoNet;

/// <summary>
/// Opens connections the way BookData's connection factory does, by hand: the same connection string
/// (foreign keys on, pooling on, command timeout from the busy timeout) and the same
/// <c>busy_timeout</c> and <c>synchronous</c> settings on every connection it hands out.
/// </summary>
public sealed class RawConnections
{
    private readonly string connectionString;
    private readonly string pragmas;

    public RawConnections(BookDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        connectionString = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        var synchronous = options.Synchronous == SynchronousMode.Full ? "FULL" : "NORMAL";
        pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = {synchronous};");
    }

    public async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
        return connection;
    }
}
