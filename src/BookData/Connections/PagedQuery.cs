using System.Data.Common;
using Dapper;

namespace BookData.Connections;

/// <summary>
/// Runs a count statement and a page statement (with <c>@Limit</c> and <c>@Offset</c>) in one read
/// transaction, so the total and the page come from the same snapshot of the database.
/// </summary>
internal static class PagedQuery
{
    public static async Task<Page<T>> ReadPageAsync<T>(
        this DbConnection connection,
        string countSql,
        string pageSql,
        object? parameters,
        int pageNumber,
        int pageSize,
        CancellationToken cancellationToken)
    {
        using var snapshot = connection.BeginReadSnapshot();
        var total = await connection.ExecuteScalarAsync<long>(
            new CommandDefinition(countSql, parameters, snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false);

        var pageParameters = new DynamicParameters(parameters);
        pageParameters.Add("Limit", pageSize);
        pageParameters.Add("Offset", Page<T>.Offset(pageNumber, pageSize));
        var items = await connection.QueryAsync<T>(
            new CommandDefinition(pageSql, pageParameters, snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false);
        snapshot.Commit();
        return new Page<T>(items.AsList(), pageNumber, pageSize, total);
    }
}
