using Dapper;
using System.Data.Common;

namespace BookData.Connections;

/// <summary>Dapper row mapping for result columns that are expressions, such as <c>count(*)</c>.</summary>
/// <remarks>
/// SQLite columns have no type until a row holds a value; for an expression column of an empty result
/// Microsoft.Data.Sqlite reports <c>byte[]</c>, and Dapper, which reads the column types before the first
/// row, then finds no record constructor to match. Building the row parser after the first row has been
/// read gives it the real types.
/// </remarks>
internal static class DapperRows
{
    public static async Task<IReadOnlyList<T>> QueryRowsAsync<T>(this DbConnection connection, CommandDefinition command)
    {
        var reader = await connection.ExecuteReaderAsync(command).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(command.CancellationToken).ConfigureAwait(false))
            {
                return [];
            }

            var parse = reader.GetRowParser<T>();
            var rows = new List<T>();
            do
            {
                rows.Add(parse(reader));
            }
            while (await reader.ReadAsync(command.CancellationToken).ConfigureAwait(false));

            return rows;
        }
    }
}
