using System.Buffers;
using System.Runtime.CompilerServices;

namespace BookData.Import;

/// <summary>
/// Reads the records of RFC 4180 CSV from a UTF-8 stream with bounded memory, and never lets one bad record
/// swallow the lines after its first: a record that <see cref="Reject"/> or the reader itself turns down
/// (bad quoting, a value over <see cref="MaxFieldBytes"/>) is left out from its first line only, and reading
/// goes on with the next physical line.
/// </summary>
/// <remarks>
/// <para>
/// Fields are separated by <c>,</c> and records by CRLF, LF or a lone CR; a field that starts with <c>"</c>
/// is quoted and may hold separators, line breaks and doubled quotes. Completely empty lines are skipped. A
/// UTF-8 byte order mark at the start is skipped (it still counts in <see cref="ByteOffset"/>).
/// </para>
/// <para>
/// A record is malformed when a quote appears in an unquoted field, text follows a closing quote, or a quoted
/// field is still open at the end of the input; it is too long when a field's raw text (quotes and doubled
/// quotes included) passes <see cref="MaxFieldBytes"/> or the record passes <see cref="MaxRecordBytes"/>. The
/// reader stops reading such a record where it found the problem, so a giant field is never held in memory:
/// the buffer holds at most one record of <see cref="MaxRecordBytes"/> plus one read.
/// </para>
/// </remarks>
internal sealed class CsvRecordReader
{
    /// <summary>
    /// The longest raw field, in bytes: quotes, doubled quotes and the white space that normalization trims
    /// included. The longest value any catalog column accepts is a title of 500 characters: at most 2,000
    /// bytes of UTF-8 (1,000 if counted in UTF-16 units, whose surrogate pairs are 4 bytes), or 1,002 raw bytes
    /// for a title of 500 quotes; 8 KiB leaves ample room for surrounding white space.
    /// </summary>
    public const int MaxFieldBytes = 8 * 1024;

    /// <summary>The longest raw record, in bytes, line breaks inside quoted fields included: 1 MiB.</summary>
    public const int MaxRecordBytes = 1024 * 1024;

    private const int InitialBufferSize = 64 * 1024;

    private static readonly SearchValues<byte> UnquotedStops = SearchValues.Create(",\"\r\n"u8);
    private static readonly SearchValues<byte> LineBreaks = SearchValues.Create("\r\n"u8);

    private readonly Stream stream;
    private byte[] buffer = new byte[InitialBufferSize];

    /// <summary>Where the next record starts (or, with <see cref="skipToLineBreak"/>, the scan for a line break resumes) in <see cref="buffer"/>.</summary>
    private int next;

    /// <summary>Bytes of <see cref="buffer"/> that hold input.</summary>
    private int end;

    /// <summary>The input's offset of <see cref="buffer"/>[0].</summary>
    private long bufferOffset;

    private bool endOfInput;
    private bool started;

    /// <summary>The next read must first skip to the next line break: a rejected record's first line did not end in the buffer.</summary>
    private bool skipToLineBreak;

    /// <summary>The line at <see cref="next"/>.</summary>
    private long line = 1;

    /// <summary>Whether the last byte consumed ended a line (or nothing was consumed), for <see cref="LinesRead"/>.</summary>
    private bool atLineStart = true;

    // The current record: where it starts in the buffer, and its fields relative to that start. A field whose
    // quotes were doubled is unescaped into scratch (negative start: ~offset into scratch).
    private int recordStart;
    private int recordEnd;
    private int[] fieldStarts = new int[16];
    private bool[] fieldQuoted = new bool[16];
    private int[] fieldLengths = new int[16];
    private byte[] scratch = new byte[256];
    private int scratchLength;

    /// <param name="stream">The input, read from its current position and left open.</param>
    public CsvRecordReader(Stream stream) => this.stream = stream;

    /// <summary>The 1-based physical line where the current record starts.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The physical line where the current record ends, or where reading it stopped when it is bad.</summary>
    public long LastLineNumber { get; private set; }

    /// <summary>Where the current record starts in the input, in bytes.</summary>
    public long ByteOffset { get; private set; }

    /// <summary>The number of fields of the current record (of a bad one: those read before the problem).</summary>
    public int FieldCount { get; private set; }

    /// <summary>What is wrong with the current record's CSV, or <see cref="CsvRecordProblem.None"/>.</summary>
    public CsvRecordProblem Problem { get; private set; }

    /// <summary>For <see cref="CsvRecordProblem.FieldTooLong"/>: the 0-based field that is too long.</summary>
    public int ProblemField { get; private set; }

    /// <summary>For <see cref="CsvRecordProblem.FieldTooLong"/>: whether that field is quoted.</summary>
    public bool ProblemFieldQuoted { get; private set; }

    /// <summary>Whether the input starts with a UTF-16 byte order mark: it is not UTF-8, and is read as garbage.</summary>
    public bool StartsWithUtf16ByteOrderMark { get; private set; }

    /// <summary>
    /// Whether the current record starts with a UTF-8 byte order mark, as the header of a file joined after another
    /// does (the input's own mark at its start is not part of its first record). Before a quote, the mark is not part
    /// of the first value; otherwise it is.
    /// </summary>
    public bool StartsWithByteOrderMark { get; private set; }

    /// <summary>Physical lines of the input read so far; every line of it once the input has ended.</summary>
    public long LinesRead => line - (atLineStart ? 1 : 0);

    /// <summary>
    /// Reads the next record, skipping empty lines. A record with a <see cref="Problem"/> is already rejected:
    /// the next read starts on the line after its first.
    /// </summary>
    /// <returns><see langword="false"/> at the end of the input.</returns>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (!started)
        {
            started = true;
            await FillAsync(cancellationToken).ConfigureAwait(false);
            if (end >= 3 && buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
            {
                next = 3;
            }

            StartsWithUtf16ByteOrderMark = end >= 2 && (buffer[0], buffer[1]) is (0xFF, 0xFE) or (0xFE, 0xFF);
        }

        while (true)
        {
            if (skipToLineBreak && !await SkipToLineBreakAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            recordStart = next;
            var result = Parse();
            if (result == ParseResult.NeedMore)
            {
                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    // FillAsync could not make room: the record has grown past the limit.
                    TooLong(-1, quoted: false, end);
                    return true;
                }

                continue;
            }

            if (result == ParseResult.EmptyLine)
            {
                continue;
            }

            return result == ParseResult.Record;
        }
    }

    /// <summary>
    /// Rejects the current record: when it spans several lines, the next read starts on its second line
    /// instead of after it, so the rows a stray quote ran over are read as rows of their own.
    /// </summary>
    public void Reject()
    {
        if (Problem == CsvRecordProblem.None && LastLineNumber > LineNumber)
        {
            ResumeAfterFirstLine();
        }
    }

    /// <summary>Whether field <paramref name="index"/> of the current record was enclosed in quotes; <see langword="false"/> past the last field.</summary>
    public bool IsQuoted(int index) => index < FieldCount && fieldQuoted[index];

    /// <summary>The raw bytes of field <paramref name="index"/> of the current record (unquoted and unescaped); empty past the last field.</summary>
    public ReadOnlySpan<byte> GetSpan(int index)
    {
        if (index >= FieldCount)
        {
            return default;
        }

        var start = fieldStarts[index];
        return start >= 0
            ? buffer.AsSpan(recordStart + start, fieldLengths[index])
            : scratch.AsSpan(~start, fieldLengths[index]);
    }

    private static int CountLineBreaks(ReadOnlySpan<byte> text)
    {
        var lines = text.Count((byte)'\n');
        if (text.Contains((byte)'\r'))
        {
            lines += text.Count((byte)'\r') - text.Count("\r\n"u8);
        }

        return lines;
    }

    /// <summary>
    /// Parses the record at <see cref="recordStart"/> from scratch. <see cref="ParseResult.NeedMore"/> when it
    /// does not end in the buffer (and the input goes on), after checking it has not passed a limit already.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ParseResult Parse()
    {
        var span = buffer.AsSpan(0, end);
        var pos = recordStart;
        if (pos == end)
        {
            return endOfInput ? ParseResult.End : ParseResult.NeedMore;
        }

        if (span[pos] is (byte)'\r' or (byte)'\n')
        {
            if (span[pos] == '\r' && pos + 1 == end && !endOfInput)
            {
                return ParseResult.NeedMore;
            }

            next = pos + (span[pos] == '\r' && pos + 1 < end && span[pos + 1] == '\n' ? 2 : 1);
            line++;
            atLineStart = true;
            return ParseResult.EmptyLine;
        }

        FieldCount = 0;
        scratchLength = 0;
        Problem = CsvRecordProblem.None;
        var multiLine = false;

        // A file joined after another starts its header with a byte order mark. Before a quote it is not part of the
        // value (an unquoted value keeps it, for the header's rule to allow it): read the quoted value that follows.
        // With fewer bytes in the buffer, the value is read as unquoted, which asks for more input before it ends.
        StartsWithByteOrderMark = end - pos >= 3 && span.Slice(pos, 3).SequenceEqual("\uFEFF"u8);
        if (StartsWithByteOrderMark && end - pos >= 4 && span[pos + 3] == '"')
        {
            pos += 3;
        }

        while (true)
        {
            var fieldStart = pos;

            // No search looks further than one byte past the longest field, however much the buffer holds.
            var limit = Math.Min(end, fieldStart + MaxFieldBytes + 2);
            int fieldEnd;
            if (span[pos] == '"')
            {
                pos++;
                var escaped = false;
                while (true)
                {
                    var quote = span[pos..limit].IndexOf((byte)'"');
                    if (quote < 0)
                    {
                        if (limit - fieldStart > MaxFieldBytes)
                        {
                            return TooLong(FieldCount, quoted: true, limit);
                        }

                        return endOfInput ? Malformed(CsvRecordProblem.UnterminatedQuote, end) : ParseResult.NeedMore;
                    }

                    multiLine = multiLine || span.Slice(pos, quote).ContainsAny(LineBreaks);
                    pos += quote + 1;
                    if (pos - fieldStart > MaxFieldBytes)
                    {
                        return TooLong(FieldCount, quoted: true, pos);
                    }

                    if (pos == end && !endOfInput)
                    {
                        return ParseResult.NeedMore;
                    }

                    if (pos < end && span[pos] == '"')
                    {
                        escaped = true;
                        pos++;
                        continue;
                    }

                    break;
                }

                AddField(span, fieldStart + 1, pos - 1, escaped, quoted: true);
                fieldEnd = pos;
                if (pos < end && span[pos] is not ((byte)',' or (byte)'\r' or (byte)'\n'))
                {
                    return Malformed(CsvRecordProblem.TextAfterClosingQuote, pos);
                }
            }
            else
            {
                var stop = span[pos..limit].IndexOfAny(UnquotedStops);
                fieldEnd = stop < 0 ? limit : pos + stop;
                if (fieldEnd - fieldStart > MaxFieldBytes)
                {
                    return TooLong(FieldCount, quoted: false, fieldEnd);
                }

                if (stop < 0 && !endOfInput)
                {
                    return ParseResult.NeedMore;
                }

                if (fieldEnd < end && span[fieldEnd] == '"')
                {
                    return Malformed(CsvRecordProblem.StrayQuote, fieldEnd);
                }

                AddField(span, fieldStart, fieldEnd, escaped: false, quoted: false);
                pos = fieldEnd;
            }

            if (pos - recordStart > MaxRecordBytes)
            {
                return TooLong(-1, quoted: false, pos);
            }

            if (pos < end && span[pos] == ',')
            {
                pos++;
                if (pos == end)
                {
                    if (!endOfInput)
                    {
                        return ParseResult.NeedMore;
                    }

                    AddField(span, pos, pos, escaped: false, quoted: false);
                    break;
                }

                continue;
            }

            // A line break or the end of the input ends the record.
            break;
        }

        var lineBreak = 0;
        if (pos < end)
        {
            if (span[pos] == '\r' && pos + 1 == end && !endOfInput)
            {
                return ParseResult.NeedMore;
            }

            lineBreak = span[pos] == '\r' && pos + 1 < end && span[pos + 1] == '\n' ? 2 : 1;
        }

        recordEnd = pos + lineBreak;
        LineNumber = line;
        LastLineNumber = line + (multiLine ? CountLineBreaks(span[recordStart..pos]) : 0);
        ByteOffset = bufferOffset + recordStart;
        next = recordEnd;
        line = LastLineNumber + (lineBreak > 0 ? 1 : 0);
        atLineStart = lineBreak > 0;
        return ParseResult.Record;
    }

    private void AddField(ReadOnlySpan<byte> span, int start, int fieldEnd, bool escaped, bool quoted)
    {
        if (FieldCount == fieldStarts.Length)
        {
            Array.Resize(ref fieldStarts, FieldCount * 2);
            Array.Resize(ref fieldLengths, FieldCount * 2);
            Array.Resize(ref fieldQuoted, FieldCount * 2);
        }

        fieldQuoted[FieldCount] = quoted;

        if (!escaped)
        {
            fieldStarts[FieldCount] = start - recordStart;
            fieldLengths[FieldCount] = fieldEnd - start;
        }
        else
        {
            // "" stands for one quote; the unescaped value is shorter than the raw one.
            var raw = span[start..fieldEnd];
            if (scratch.Length < scratchLength + raw.Length)
            {
                Array.Resize(ref scratch, Math.Max(scratch.Length * 2, scratchLength + raw.Length));
            }

            var target = scratch.AsSpan(scratchLength);
            var length = 0;
            for (var i = 0; i < raw.Length; i++)
            {
                target[length++] = raw[i];
                if (raw[i] == '"')
                {
                    i++;
                }
            }

            fieldStarts[FieldCount] = ~scratchLength;
            fieldLengths[FieldCount] = length;
            scratchLength += length;
        }

        FieldCount++;
    }

    private ParseResult Malformed(CsvRecordProblem problem, int at) => Bad(problem, -1, quoted: false, at);

    private ParseResult TooLong(int field, bool quoted, int at) =>
        Bad(field < 0 ? CsvRecordProblem.RecordTooLong : CsvRecordProblem.FieldTooLong, field, quoted, at);

    /// <summary>Reports the record at <see cref="recordStart"/> as bad, found so at <paramref name="at"/>, and resumes after its first line.</summary>
    private ParseResult Bad(CsvRecordProblem problem, int field, bool quoted, int at)
    {
        Problem = problem;
        ProblemField = field;
        ProblemFieldQuoted = quoted;
        LineNumber = line;
        // The line where the problem is: a line break just before it (one that ends the input) does not count.
        var read = buffer.AsSpan(recordStart, at - recordStart);
        read = read.EndsWith("\r\n"u8) ? read[..^2] : read.EndsWith("\n"u8) || read.EndsWith("\r"u8) ? read[..^1] : read;
        LastLineNumber = line + CountLineBreaks(read);
        ByteOffset = bufferOffset + recordStart;
        ResumeAfterFirstLine();
        return ParseResult.Record;
    }

    /// <summary>Moves <see cref="next"/> to the line after the current record's first, or arranges to find it in the input to come.</summary>
    private void ResumeAfterFirstLine()
    {
        line = LineNumber;
        next = recordStart;
        skipToLineBreak = true;
        atLineStart = false;
    }

    /// <summary>Moves past the next line break, dropping what comes before it from the buffer as it goes.</summary>
    /// <returns><see langword="false"/> when the input ends first.</returns>
    private async ValueTask<bool> SkipToLineBreakAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var found = buffer.AsSpan(next, end - next).IndexOfAny(LineBreaks);
            if (found >= 0)
            {
                var at = next + found;
                if (buffer[at] == '\r' && at + 1 == end && !endOfInput)
                {
                    next = at;
                    await FillAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                next = at + (buffer[at] == '\r' && at + 1 < end && buffer[at + 1] == '\n' ? 2 : 1);
                line++;
                atLineStart = true;
                skipToLineBreak = false;
                return true;
            }

            next = end;
            if (endOfInput)
            {
                skipToLineBreak = false;
                return false;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Keeps the bytes from <see cref="next"/> on, moved to the start of the buffer, and reads more input after
    /// them; the buffer grows while the record being read is within <see cref="MaxRecordBytes"/>.
    /// </summary>
    /// <returns><see langword="false"/> when the record at <see cref="next"/> is too long to make room for.</returns>
    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (endOfInput)
        {
            return true;
        }

        var kept = end - next;
        if (kept > MaxRecordBytes)
        {
            return false;
        }

        if (kept > buffer.Length / 2)
        {
            var larger = new byte[buffer.Length * 2];
            buffer.AsSpan(next, kept).CopyTo(larger);
            buffer = larger;
        }
        else if (next > 0)
        {
            buffer.AsSpan(next, kept).CopyTo(buffer);
        }

        bufferOffset += next;
        recordStart -= next;
        next = 0;
        end = kept;
        var read = await stream.ReadAtLeastAsync(buffer.AsMemory(end), buffer.Length - end, throwOnEndOfStream: false, cancellationToken)
            .ConfigureAwait(false);
        end += read;
        endOfInput = end < buffer.Length;
        return true;
    }

    private enum ParseResult
    {
        Record,
        EmptyLine,
        NeedMore,
        End,
    }
}
