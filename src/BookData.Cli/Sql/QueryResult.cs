using System.Data.Common;

namespace BookData.Cli.Sql;

/// <summary>The columns and rows an ad-hoc query returned.</summary>
/// <param name="Columns">The column names, in order.</param>
/// <param name="Rows">The rows; each value is <see langword="null"/>, <see cref="long"/>, <see cref="double"/>, <see cref="string"/> or a <see cref="byte"/> array; on PostgreSQL also <see cref="decimal"/> or <see cref="bool"/>.</param>
internal sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    /// <summary>Reads every row of the reader's current result.</summary>
    /// <param name="reader">An open reader positioned before the first row.</param>
    /// <param name="convert">Turns a non-null value into the shape <see cref="Rows"/> holds.</param>
    /// <param name="cancellationToken">Stops reading rows.</param>
    /// <returns>The columns and rows.</returns>
    public static async Task<QueryResult> ReadAsync(DbDataReader reader, Func<object, object> convert, CancellationToken cancellationToken)
    {
        var columns = new string[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = reader.GetName(i);
        }

        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object?[columns.Length];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : convert(reader.GetValue(i));
            }

            rows.Add(row);
        }

        return new QueryResult(columns, rows);
    }
}
