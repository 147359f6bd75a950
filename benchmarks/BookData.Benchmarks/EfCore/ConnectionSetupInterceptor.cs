using System.Data.Common;
using BookData.Benchmarks.RawAdoNet;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BookData.Benchmarks.EfCore;

/// <summary>Gives every connection EF Core opens BookData's settings (<see cref="ConnectionSetup"/>).</summary>
public sealed class ConnectionSetupInterceptor(ConnectionSetup setup) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        setup.Apply((SqliteConnection)connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        setup.Apply((SqliteConnection)connection);
        return Task.CompletedTask;
    }
}
