using System.Data.Common;
using System.Globalization;
using System.Text;
using BookData.Cli.Hosting;

namespace BookData.Cli.Sql;

/// <summary>
/// Copies a reader's rows to an <see cref="IQueryOutput"/> one at a time, so memory does not grow with the
/// result, and refuses a value larger than <see cref="MaxValueBytes"/> on either provider.
/// </summary>
internal static class QueryRows
{
    /// <summary>
    /// The largest value, in bytes, a result may hold: 16 MiB. SQLite refuses to build a longer string or blob on the
    /// query's connection (<c>SQLITE_LIMIT_LENGTH</c>); on PostgreSQL a longer value is refused once read.
    /// </summary>
    public const int MaxValueBytes = 16 * 1024 * 1024;

    /// <summary>The error for a row whose values add up to more than <see cref="MaxValueBytes"/>.</summary>
    public static readonly string RowTooLarge = string.Create(
        CultureInfo.InvariantCulture,
        $"A row in the result holds more than {MaxValueBytes:N0} bytes in all, the most bookdata sql reads of one row; select fewer or smaller columns, for example with substr() or length().");

    /// <summary>The error for a value larger than <see cref="MaxValueBytes"/>.</summary>
    public static readonly string ValueTooLarge = string.Create(
        CultureInfo.InvariantCulture,
        $"A value in the result is larger than {MaxValueBytes:N0} bytes, the most bookdata sql reads; select a part of it instead, for example with substr() or length().");

    /// <summary>Writes the reader's current result to <paramref name="output"/>.</summary>
    /// <param name="reader">An open reader positioned before the first row.</param>
    /// <param name="convert">Turns a non-null value into the shape <see cref="IQueryOutput.WriteRow"/> takes.</param>
    /// <param name="output">Receives the columns and rows.</param>
    /// <param name="maxRows">The most rows to write; 0 for all.</param>
    /// <param name="cancellationToken">Stops reading rows.</param>
    /// <returns>How many rows were written and whether more were left.</returns>
    /// <exception cref="CliInputException">A value is larger than <see cref="MaxValueBytes"/>.</exception>
    public static async Task<QueryResult> CopyAsync(
        DbDataReader reader, Func<object, object> convert, IQueryOutput output, long maxRows, CancellationToken cancellationToken)
    {
        var columns = new string[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = reader.GetName(i);
        }

        output.Start(columns);
        var row = new object?[columns.Length];
        long count = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (maxRows > 0 && count == maxRows)
            {
                return new QueryResult(count, Truncated: true);
            }

            // The same bound holds for the row as a whole, so wide rows of large values cannot add up.
            long rowSize = 0;
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : CheckSize(convert(reader.GetValue(i)));
                rowSize += row[i] switch { byte[] blob => blob.Length, string text => text.Length, _ => 8 };
                if (rowSize > MaxValueBytes)
                {
                    throw new CliInputException(RowTooLarge);
                }
            }

            output.WriteRow(row);
            count++;
        }

        return new QueryResult(count, Truncated: false);
    }

    private static object CheckSize(object value) => value switch
    {
        byte[] blob when blob.Length > MaxValueBytes => throw new CliInputException(ValueTooLarge),
        string text when text.Length > MaxValueBytes
            || (text.Length > MaxValueBytes / 3 && Encoding.UTF8.GetByteCount(text) > MaxValueBytes) => throw new CliInputException(ValueTooLarge),
        _ => value,
    };
}
