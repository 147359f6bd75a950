using System.Text;
using System.Text.Unicode;
using System.Threading.Channels;
using BookData.Text;
using CsvHelper;

namespace BookData.Import;

/// <summary>
/// The read side of one import: parses the CSV input (RFC 4180, through CsvHelper), finds the four
/// columns in the header, and turns every record into an <see cref="ImportRow"/> with its values decoded
/// and normalized by <see cref="CatalogText"/>, or with the reason it cannot be imported.
/// </summary>
internal sealed class CsvRowSource : IDisposable
{
    /// <summary>Rows handed over at a time: enough to make the hand-over cheap, few enough that a batch stays off the large object heap.</summary>
    public const int BatchSize = 256;

    private readonly CsvReader reader;
    private readonly string sourceName;
    private int[] columnIndexes = [];
    private int headerFieldCount;
    private List<ImportRow>? batch;

    /// <param name="csv">The input, read from its current position and left open.</param>
    /// <param name="sourceName">The input's name in errors.</param>
    public CsvRowSource(Stream csv, string sourceName)
    {
        this.sourceName = sourceName;
        reader = CsvReader.Create(csv, ReaderOptions(), leaveOpen: true);
    }

    /// <summary>Reads the header and finds the columns.</summary>
    /// <exception cref="BookDataImportException">The input is empty, the header is malformed, or it lacks or repeats a column.</exception>
    public async Task ReadHeaderAsync(CancellationToken cancellationToken)
    {
        await reader.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
        var headers = reader.Headers;
        columnIndexes = ResolveHeader(headers, Math.Max(1, reader.LineNumber));
        headerFieldCount = headers.Count;
    }

    /// <summary>
    /// Reads every data row, in order, resolves the ids of the good ones, and writes them to
    /// <paramref name="output"/> in batches; completes <paramref name="output"/> when the input ends or
    /// reading fails (the exception is this task's).
    /// </summary>
    /// <param name="output">Receives the rows.</param>
    /// <param name="ids">
    /// Resolves the ids of the good rows; used by this method alone while it runs. <see langword="null"/>
    /// leaves the rows normalized but unmatched, for an import that matches them in the database.
    /// </param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public async Task ProduceAsync(ChannelWriter<ImportRow[]> output, CatalogIds? ids, CancellationToken cancellationToken)
    {
        try
        {
            batch = new List<ImportRow>(BatchSize);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = ReadRow();
                batch.Add(row.RejectionReason is null && ids is not null ? ids.Resolve(row) : row);
                if (batch.Count >= BatchSize)
                {
                    await output.WriteAsync([.. batch], cancellationToken).ConfigureAwait(false);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await output.WriteAsync([.. batch], cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            output.TryComplete();
        }
    }

    public void Dispose() => reader.Dispose();

    /// <summary>"The title is required." becomes "the title is required", to follow "file, line N: ".</summary>
    internal static string AsReason(string message)
    {
        var text = message.TrimEnd('.');
        return text.Length > 0 && char.IsUpper(text[0]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    private static string MalformedReason(CsvMalformedReason reason, int headerFieldCount) => reason switch
    {
        CsvMalformedReason.StrayQuote =>
            "a quote appears inside a value that is not enclosed in quotes; enclose the value in quotes and double the quotes inside it",
        CsvMalformedReason.TextAfterClosingQuote => "text follows the closing quote of a quoted value",
        CsvMalformedReason.UnterminatedQuote => "a quoted value is never closed (unterminated quote)",
        CsvMalformedReason.FieldCountMismatch =>
            $"the row does not have the header's {headerFieldCount} fields; a value that contains a comma must be enclosed in quotes",
        _ => $"the row is not valid CSV ({reason})",
    };

    /// <summary>Decodes and normalizes one field; on failure says why.</summary>
    private static bool TryReadField(CsvReader reader, int index, CatalogColumn column, out string value, out string? reason)
    {
        var bytes = reader.GetSpan(index);
        if (!Utf8.IsValid(bytes))
        {
            value = string.Empty;
            reason = $"the {column.Label} is not valid UTF-8 text";
            return false;
        }

        var text = bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes);
        try
        {
            value = column.Required
                ? CatalogText.Required(text, column.Label, column.MaxLength)
                : CatalogText.Optional(text, column.Label, column.MaxLength);
            reason = null;
            return true;
        }
        catch (BookDataValidationException ex)
        {
            value = string.Empty;
            reason = AsReason(ex.Message);
            return false;
        }
    }

    private CsvReaderOptions ReaderOptions() => CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        Mode = CsvMode.Rfc4180,
        AllowLineBreaksInQuotes = true,
        SkipEmptyLines = true,
        CommentPrefix = null,
        DetectSeparatorHint = false,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Skip,
        FieldCountMismatch = CsvFieldCountHandling.Skip,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        OnMalformedRecord = OnMalformedRecord,
    };

    /// <summary>
    /// The parser skips a malformed record and reports it here, before it returns the next good one, so
    /// the rejected row lands in the batch in file order. A malformed header ends the import at once.
    /// </summary>
    private void OnMalformedRecord(CsvMalformedRecord record)
    {
        var reason = MalformedReason(record.Reason, headerFieldCount);
        if (batch is null)
        {
            throw new BookDataImportException(sourceName, Math.Max(1, record.LineNumber), null, reason);
        }

        batch.Add(ImportRow.Rejected(record.LineNumber, record.ByteOffset, null, reason));
    }

    private ImportRow ReadRow()
    {
        var columns = CatalogCsvFormat.Columns;
        Span<string> values = [string.Empty, string.Empty, string.Empty, string.Empty];
        for (var c = 0; c < columns.Count; c++)
        {
            if (!TryReadField(reader, columnIndexes[c], columns[c], out values[c], out var reason))
            {
                return ImportRow.Rejected(reader.LineNumber, reader.ByteOffset, columns[c].Name, reason!);
            }
        }

        return new ImportRow(reader.LineNumber, reader.ByteOffset, values[0], values[1], values[2], values[3], null, null);
    }

    /// <summary>Finds the four columns in the header.</summary>
    private int[] ResolveHeader(IReadOnlyList<string> headers, long headerLine)
    {
        if (headers.Count == 0)
        {
            throw new BookDataImportException(
                sourceName, 1, null, $"the input is empty; it must start with the header {CatalogCsvFormat.Header}");
        }

        var columns = CatalogCsvFormat.Columns;
        var indexes = new int[columns.Count];
        Array.Fill(indexes, -1);
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i].Trim();
            for (var c = 0; c < columns.Count; c++)
            {
                if (!string.Equals(name, columns[c].Name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (indexes[c] >= 0)
                {
                    throw new BookDataImportException(
                        sourceName, headerLine, columns[c].Name, $"the header names the column {columns[c].Name} twice");
                }

                indexes[c] = i;
            }
        }

        var missing = columns.Where((_, c) => indexes[c] < 0).Select(column => column.Name).ToArray();
        if (missing.Length > 0)
        {
            throw new BookDataImportException(
                sourceName,
                headerLine,
                missing[0],
                $"the header lacks the column{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)}; "
                + $"it must name {CatalogCsvFormat.Header} (in any order)");
        }

        return indexes;
    }
}
