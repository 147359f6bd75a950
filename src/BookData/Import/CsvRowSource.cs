using System.Diagnostics.CodeAnalysis;
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
    /// <summary>
    /// Rows handed over at a time: enough that the two threads meet rarely (a hand-over costs a wake-up,
    /// often a context switch), few enough that a batch's array stays small. The arrays are pooled
    /// (<see cref="ImportBatch"/>), so their size costs no allocation.
    /// </summary>
    public const int BatchSize = 2048;

    private readonly CsvReader reader;
    private readonly string sourceName;
    private readonly byte[][] normalized = [.. CatalogCsvFormat.Columns.Select(column => new byte[CatalogText.MaxUtf8ByteCount(column.MaxLength)])];
    private int[] columnIndexes = [];
    private int headerFieldCount;

    /// <summary>Whether the data rows are being read (the header is behind).</summary>
    private bool readingRows;

    /// <summary>The batch being filled; <see langword="null"/> when none is (an array is rented for the first row).</summary>
    private ImportRow[]? batch;
    private int batchCount;

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
    public async Task ProduceAsync(ChannelWriter<ImportBatch> output, CatalogIds? ids, CancellationToken cancellationToken)
    {
        try
        {
            readingRows = true;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                Add(ReadRow(ids));
                if (batchCount >= BatchSize)
                {
                    await HandOverAsync(output, cancellationToken).ConfigureAwait(false);
                }
            }

            if (batchCount > 0)
            {
                await HandOverAsync(output, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Whether a raw value is already exactly what <see cref="CatalogText"/> would make of it: printable
    /// ASCII (where the only white space is the space, and normalization changes nothing), no space at
    /// either end or twice in a row, within the column's length and present if required. Most values
    /// are; they are matched and stored from the parser's bytes without a string being made for them.
    /// </summary>
    private static bool IsAlreadyNormal(ReadOnlySpan<byte> value, CatalogColumn column)
    {
        if (value.IsEmpty)
        {
            return !column.Required;
        }

        return value.Length <= column.MaxLength
            && value[0] != (byte)' '
            && value[^1] != (byte)' '
            && !value.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E)
            && value.IndexOf("  "u8) < 0;
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
        if (!readingRows)
        {
            throw new BookDataImportException(sourceName, Math.Max(1, record.LineNumber), null, reason);
        }

        Add(ImportRow.Rejected(record.LineNumber, record.ByteOffset, null, reason));
    }

    /// <summary>
    /// Appends a row to the batch. Rejected rows reported while the parser looks for the next good one can
    /// overfill a batch; it then moves to a larger array.
    /// </summary>
    private void Add(in ImportRow row)
    {
        batch ??= ImportBatch.Rent(BatchSize);
        if (batchCount == batch.Length)
        {
            var larger = ImportBatch.Rent(batch.Length * 2);
            batch.AsSpan().CopyTo(larger);
            ImportBatch.Return(batch);
            batch = larger;
        }

        batch[batchCount++] = row;
    }

    /// <summary>Hands the filled batch to the writing thread; the next row starts a new one.</summary>
    private async ValueTask HandOverAsync(ChannelWriter<ImportBatch> output, CancellationToken cancellationToken)
    {
        var full = new ImportBatch(batch!, batchCount);
        batch = null;
        batchCount = 0;
        await output.WriteAsync(full, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the current record: its ids resolved by <paramref name="ids"/> (with values only for new entities),
    /// or, without <paramref name="ids"/>, all four normalized values; a rejected row when a value is bad.
    /// </summary>
    private ImportRow ReadRow(CatalogIds? ids)
    {
        var lineNumber = reader.LineNumber;
        var byteOffset = reader.ByteOffset;
        if (!Read(0, out var firstName, out var rejected)
            || !Read(1, out var lastName, out rejected)
            || !Read(2, out var title, out rejected)
            || !Read(3, out var publisher, out rejected))
        {
            return rejected;
        }

        return ids is null
            ? new ImportRow(lineNumber, byteOffset, firstName.ToText(), lastName.ToText(), title.ToText(), publisher.ToText(), null, null)
            : ids.Resolve(lineNumber, byteOffset, firstName, lastName, title, publisher);

        bool Read(int c, out ImportField field, out ImportRow rejected)
        {
            if (TryReadField(c, out field, out var reason))
            {
                rejected = default;
                return true;
            }

            rejected = ImportRow.Rejected(lineNumber, byteOffset, CatalogCsvFormat.Columns[c].Name, reason);
            return false;
        }
    }

    /// <summary>Reads, decodes and normalizes the value of column <paramref name="c"/> of the current record; on failure says why.</summary>
    private bool TryReadField(int c, out ImportField field, [NotNullWhen(false)] out string? reason)
    {
        var column = CatalogCsvFormat.Columns[c];
        var bytes = reader.GetSpan(columnIndexes[c]);
        reason = null;
        if (IsAlreadyNormal(bytes, column))
        {
            field = new ImportField(bytes, null);
            return true;
        }

        field = default;
        if (!Utf8.IsValid(bytes))
        {
            reason = $"the {column.Label} is not valid UTF-8 text";
            return false;
        }

        string value;
        try
        {
            var text = bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes);
            value = column.Required
                ? CatalogText.Required(text, column.Label, column.MaxLength)
                : CatalogText.Optional(text, column.Label, column.MaxLength);
        }
        catch (BookDataValidationException ex)
        {
            reason = AsReason(ex.Message);
            return false;
        }

        var utf8 = normalized[c];
        field = new ImportField(utf8.AsSpan(0, Encoding.UTF8.GetBytes(value, utf8)), value);
        return true;
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
