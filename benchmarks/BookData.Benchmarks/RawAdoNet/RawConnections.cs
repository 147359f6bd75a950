using Microsoft.Data.Sqlite;

namespace BookData.Benchmarks.RawAdoNet;

/// <summary>Opens pooled connections with BookData's settings (<see cref="ConnectionSetup"/>), by hand.</summary>
public sealed class RawConnections(BookDataOptions options)
{
    private readonly ConnectionSetup setup = new(options);

    public async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(setup.ConnectionString);
        await connection.OpenAsync();
        setup.Apply(connection);
        return connection;
    }
}
