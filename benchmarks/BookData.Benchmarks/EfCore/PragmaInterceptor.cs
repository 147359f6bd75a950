using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BookData.Benchmarks.EfCore;

/// <summary>Gives every connection EF Core opens the same <c>busy_timeout</c> and <c>synchronous</c> settings BookData uses.</summary>
public sealed class PragmaInterceptor(string pragmas) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }
}
