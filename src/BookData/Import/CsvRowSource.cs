using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using System.Threading.Channels;
using BookData.Import.Sqlite;
using BookData.Text;

namespace BookData.Import;

/// <summary>
/// The read side of one import: parses the CSV input (RFC 4180, through <see cref="CsvRecordReader"/>), finds
/// the four columns in the header, and turns every record into an <see cref="ImportRow"/> with its values
/// decoded and normalized by <see cref="CatalogText"/>, or with the reason it cannot be imported.
/// </summary>
/// <remarks>
/// A rejected record that spans several lines is left out from its first line only: reading goes on with its
/// second line (<see cref="CsvRecordReader.Reject"/>), so a stray quote never takes the rows after it along.
/// </remarks>
internal sealed class CsvRowSource : IDisposable
{
    /// <summary>
    /// Rows handed over at a time: enough that the two threads meet rarely (a hand-over costs a wake-up,
    /// often a context switch), few enough that a batch's array stays small. The arrays are pooled
    /// (<see cref="ImportBatch"/>), so their size costs no allocation.
    /// </summary>
    public const int BatchSize = 2048;

    private readonly CsvRecordReader reader;
    private readonly string sourceName;

    private readonly byte[][] normalized = [.. CatalogCsvFormat.Columns.Select(column => new byte[CatalogText.MaxUtf8ByteCount(column.MaxLength)])];
    private int[] columnIndexes = [];
    private string[] headerNames = [];
    private byte[][] headerFields = [];
    private bool headerAllQuoted;
    private long headerLine;

    /// <summary>The batch being filled; <see langword="null"/> when none is (an array is rented for the first row).</summary>
    private ImportRow[]? batch;
    private int batchCount;

    /// <param name="csv">The input, read from its current position and left open.</param>
    /// <param name="sourceName">The input's name in errors.</param>
    public CsvRowSource(Stream csv, string sourceName)
    {
        this.sourceName = sourceName;
        reader = new CsvRecordReader(csv);
    }

    /// <summary>
    /// Physical lines of the input read: the header, blank lines and the lines inside quoted values included;
    /// every line of it once <see cref="ProduceAsync"/> has completed.
    /// </summary>
    public long LinesRead => reader.LinesRead;

    /// <summary>Reads the header and finds the columns.</summary>
    /// <exception cref="BookDataImportException">The input is empty, the header is malformed, or it lacks or repeats a column.</exception>
    /// <exception cref="IOException">The input cannot be read.</exception>
    public async Task ReadHeaderAsync(CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new BookDataImportException(
                sourceName, 1, null, $"the input is empty; it must start with the header {CatalogCsvFormat.Header}");
        }

        if (reader.StartsWithUtf16ByteOrderMark)
        {
            throw new BookDataImportException(
                sourceName, 1, null, "the input is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8");
        }

        if (reader.Problem != CsvRecordProblem.None)
        {
            throw new BookDataImportException(sourceName, reader.LineNumber, null, ProblemReason(null));
        }

        headerLine = reader.LineNumber;
        headerNames = new string[reader.FieldCount];
        headerFields = new byte[reader.FieldCount][];
        for (var i = 0; i < headerNames.Length; i++)
        {
            headerFields[i] = reader.GetSpan(i).ToArray();
            headerNames[i] = Encoding.UTF8.GetString(headerFields[i]);
        }

        columnIndexes = ResolveHeader(headerNames, headerLine);
        headerAllQuoted = columnIndexes.All(reader.IsQuoted);
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
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = ReadRow(ids);
                if (row.RejectionReason is not null)
                {
                    reader.Reject();
                }

                Add(row);
                if (batchCount >= BatchSize)
                {
                    await HandOverAsync(output, ids, cancellationToken).ConfigureAwait(false);
                }
            }

            if (batchCount > 0)
            {
                await HandOverAsync(output, ids, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            output.TryComplete();
        }
    }

    /// <summary>Nothing to release: the stream belongs to the caller and the reader's buffers to the collector.</summary>
    public void Dispose()
    {
    }

    /// <summary>"The title is required." becomes "the title is required", to follow "file, line N: ".</summary>
    internal static string AsReason(string message)
    {
        var text = message.TrimEnd('.');
        return text.Length > 0 && char.IsUpper(text[0]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    /// <summary>
    /// Whether a raw value is already exactly what <see cref="CatalogText"/> would make of it: printable
    /// ASCII (where the only white space is the space, and normalization changes nothing), no space at
    /// either end or twice in a row, within the column's length and present if required. Most values
    /// are; they are matched and stored from the parser's bytes without a string being made for them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// Appends a row to the batch, moving it to a larger array when it is full.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>Resolves the batch's good rows and hands the batch to the writing thread; the next row starts a new one.</summary>
    private async ValueTask HandOverAsync(ChannelWriter<ImportBatch> output, CatalogIds? ids, CancellationToken cancellationToken)
    {
        ids?.ResolveStaged(batch!);
        var full = new ImportBatch(batch!, batchCount);
        batch = null;
        batchCount = 0;
        await output.WriteAsync(full, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the current record: its ids resolved by <paramref name="ids"/> (with values only for new entities),
    /// or, without <paramref name="ids"/>, all four normalized values; a rejected row when a value is bad.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ImportRow ReadRow(CatalogIds? ids)
    {
        var lineNumber = reader.LineNumber;
        var byteOffset = reader.ByteOffset;
        if (reader.Problem != CsvRecordProblem.None)
        {
            var field = reader.ProblemField;
            var name = field < 0 ? null : ColumnAt(field);
            return Rejected(name, ProblemReason(name));
        }

        // Before the field count: a second file's header may have other columns than the first's.
        switch (HeaderAgain())
        {
            case RepeatedHeader.Same:
                return Rejected(null, $"the row repeats the header {CatalogCsvFormat.Header} (were two files joined?); it is not a book");
            case RepeatedHeader.Other:
                // Not a bad row but a bad file: skipping the row would read the rows after it with the wrong columns.
                throw new BookDataImportException(sourceName, lineNumber, null, OtherHeaderReason());
        }

        if (reader.FieldCount != headerNames.Length)
        {
            return Rejected(null, $"the row does not have the header's {headerNames.Length} fields; a value that contains a comma must be enclosed in quotes");
        }

        if (!Read(0, out var firstName, out var rejected)
            || !Read(1, out var lastName, out rejected)
            || !Read(2, out var title, out rejected)
            || !Read(3, out var publisher, out rejected))
        {
            return rejected;
        }

        if (ids is null)
        {
            return new ImportRow(lineNumber, byteOffset, firstName.ToText(), lastName.ToText(), title.ToText(), publisher.ToText(), null, null);
        }

        // Resolved with the rest of the batch before it is handed over (ResolveStaged), into the place Add gives it.
        ids.Stage(batchCount, lineNumber, byteOffset, firstName, lastName, title, publisher);
        return default;

        bool Read(int c, out ImportField field, out ImportRow rejected)
        {
            if (TryReadField(c, out field, out var reason))
            {
                rejected = default;
                return true;
            }

            rejected = Rejected(CatalogCsvFormat.Columns[c].Name, reason);
            return false;
        }

        ImportRow Rejected(string? field, string reason) =>
            ImportRow.Rejected(lineNumber, byteOffset, field, reason) with { LastLineNumber = reader.LastLineNumber };
    }

    /// <summary>The header's name of field <paramref name="index"/>, or <see langword="null"/> past the header's fields.</summary>
    private string? ColumnAt(int index)
    {
        for (var c = 0; c < columnIndexes.Length; c++)
        {
            if (columnIndexes[c] == index)
            {
                return CatalogCsvFormat.Columns[c].Name;
            }
        }

        return index < headerNames.Length ? headerNames[index].Trim() : null;
    }

    /// <summary>Why the current record's CSV is bad, naming the column <paramref name="field"/> when a value is too long.</summary>
    private string ProblemReason(string? field)
    {
        var lines = reader.LastLineNumber > reader.LineNumber
            ? string.Create(CultureInfo.InvariantCulture, $" (on to line {reader.LastLineNumber:N0})")
            : "";
        var value = field is null ? "a value" : $"the {field} value";
        return reader.Problem switch
        {
            CsvRecordProblem.StrayQuote =>
                "a quote appears inside a value that is not enclosed in quotes; enclose the value in quotes and double the quotes inside it",
            CsvRecordProblem.TextAfterClosingQuote => "text follows the closing quote of a quoted value",
            CsvRecordProblem.UnterminatedQuote => "a quoted value is never closed (unterminated quote)",
            CsvRecordProblem.FieldTooLong when reader.ProblemFieldQuoted => string.Create(
                CultureInfo.InvariantCulture,
                $"{value} is quoted and runs on past {CsvRecordReader.MaxFieldBytes:N0} bytes{lines}, longer than any column accepts; its closing quote is probably missing"),
            CsvRecordProblem.FieldTooLong => string.Create(
                CultureInfo.InvariantCulture,
                $"{value} is longer than {CsvRecordReader.MaxFieldBytes:N0} bytes, longer than any column accepts"),
            _ => string.Create(
                CultureInfo.InvariantCulture, $"the row is longer than {CsvRecordReader.MaxRecordBytes:N0} bytes{lines}"),
        };
    }

    /// <summary>
    /// Whether the current record is a header again, as when two files were joined: a record one of whose fields
    /// names each of the four columns (by <see cref="CatalogCsvFormat.ColumnNamed(ReadOnlySpan{byte})"/>, the
    /// header's rule; the first field may start with the byte order mark the second file started with), in any
    /// order, among any other fields. A book whose values are the column names is told apart by its quotes: the
    /// export writes such a row with every value quoted (<see cref="CatalogCsvFormat.NamesTheColumns"/>), so a
    /// record that quotes every field naming a column, with the header's number of fields, is a book unless the
    /// header quotes its column names too, or the record starts with a byte order mark (which no book's row does: it
    /// is a joined file's quoted header).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RepeatedHeader HeaderAgain()
    {
        var named = 0;
        var allQuoted = true;
        for (var f = 0; f < reader.FieldCount; f++)
        {
            var bit = CatalogCsvFormat.Bit(CatalogCsvFormat.ColumnNamed(FieldWithoutByteOrderMark(f)));
            if (bit != 0)
            {
                named |= bit;
                allQuoted &= reader.IsQuoted(f);
            }
        }

        if (named != CatalogCsvFormat.AllColumns
            || (allQuoted && !headerAllQuoted && reader.FieldCount == headerFields.Length && !reader.StartsWithByteOrderMark))
        {
            return RepeatedHeader.None;
        }

        if (reader.FieldCount != headerFields.Length)
        {
            return RepeatedHeader.Other;
        }

        for (var f = 0; f < headerFields.Length; f++)
        {
            var field = CatalogCsvFormat.TrimWhiteSpace(FieldWithoutByteOrderMark(f));
            var header = CatalogCsvFormat.TrimWhiteSpace(headerFields[f]);
            if (!Ascii.EqualsIgnoreCase(field, header) && !field.SequenceEqual(header))
            {
                return RepeatedHeader.Other;
            }
        }

        return RepeatedHeader.Same;
    }

    /// <summary>Field <paramref name="f"/> of the current record, without the byte order mark a joined file's first line may start with.</summary>
    private ReadOnlySpan<byte> FieldWithoutByteOrderMark(int f)
    {
        var field = reader.GetSpan(f);
        return f == 0 && field.StartsWith("\uFEFF"u8) ? field[3..] : field;
    }

    /// <summary>Why a header that is not the file's header ends the import: where, and both headers' fields.</summary>
    private string OtherHeaderReason()
    {
        var fields = new string[reader.FieldCount];
        for (var f = 0; f < fields.Length; f++)
        {
            fields[f] = Encoding.UTF8.GetString(FieldWithoutByteOrderMark(f));
        }

        var line = headerLine == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $" on line {headerLine:N0}");
        return $"the row is another header ({Layout(fields)}), not the file's header ({Layout(headerNames)}){line}: "
            + "its columns are in another order or beside other fields, so the rows after it would be read with the wrong columns, and the file cannot be imported, even leaving bad rows out "
            + "(were two files joined? import each on its own); if the row is a book whose values are the column names, enclose each of its values in quotes";
    }

    /// <summary>A header's fields for a message: trimmed, joined by commas, control and invisible characters shown as U+XXXX, at most 200 characters.</summary>
    private static string Layout(string[] fields)
    {
        var text = new StringBuilder();
        foreach (var field in fields)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            foreach (var ch in field.Trim())
            {
                if (char.IsControl(ch) || char.GetUnicodeCategory(ch) is UnicodeCategory.Format or UnicodeCategory.SpaceSeparator && ch != ' ')
                {
                    text.Append(CultureInfo.InvariantCulture, $"U+{(int)ch:X4}");
                }
                else
                {
                    text.Append(ch);
                }
            }
        }

        return text.Length <= 200 ? text.ToString() : string.Concat(text.ToString(0, 200), "…");
    }

    /// <summary>Reads, decodes and normalizes the value of column <paramref name="c"/> of the current record; on failure says why.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            reason = NotUtf8Reason(bytes, column.Label);
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

    /// <summary>The separator a one-column header seems to use instead of a comma (a semicolon, as spreadsheets write in many countries, or a tab), if any.</summary>
    private static string? OtherSeparator(string header) =>
        header.Contains(';', StringComparison.Ordinal) ? "semicolons"
            : header.Contains('\t', StringComparison.Ordinal) ? "tabs"
            : header.Contains('|', StringComparison.Ordinal) ? "vertical bars"
            : null;

    /// <summary>Why <paramref name="bytes"/> (not valid UTF-8) were refused: the first bad byte and where it is in the value, and what to do.</summary>
    private static string NotUtf8Reason(ReadOnlySpan<byte> bytes, string label)
    {
        var offset = 0;
        while (Rune.DecodeFromUtf8(bytes[offset..], out _, out var used) == OperationStatus.Done)
        {
            offset += used;
        }

        const string advice = "the file must be UTF-8: one saved as Windows-1252 or Latin-1 must be saved again as UTF-8";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"the {label} is not valid UTF-8 text (byte 0x{bytes[offset]:X2} at byte {offset + 1} of the value); {advice}");
    }

    /// <summary>Finds the four columns in the header.</summary>
    private int[] ResolveHeader(string[] headers, long headerLine)
    {
        var columns = CatalogCsvFormat.Columns;
        var indexes = new int[columns.Count];
        Array.Fill(indexes, -1);
        for (var i = 0; i < headers.Length; i++)
        {
            var c = CatalogCsvFormat.ColumnNamed(headers[i]);
            if (c < 0)
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

        var missing = columns.Where((_, c) => indexes[c] < 0).Select(column => column.Name).ToArray();
        if (missing.Length > 0)
        {
            var separator = headers.Length == 1 ? OtherSeparator(headers[0]) : null;
            throw new BookDataImportException(
                sourceName,
                headerLine,
                missing[0],
                $"the header lacks the column{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)}; "
                + $"it must name {CatalogCsvFormat.Header} (in any order)"
                + (separator is null ? string.Empty : $"; its columns seem to be separated by {separator}, but the file must be comma-separated"));
        }

        return indexes;
    }
}
