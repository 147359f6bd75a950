using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BookData.Cli.Sql;

namespace BookData.Cli.Output;

/// <summary>
/// Writes an ad-hoc query's rows as one JSON array of objects, row by row: the document is built in a small buffer
/// that goes to standard output each time it holds 64 KiB, so memory does not grow with the result. Keys are the
/// column names, made distinct (<see cref="UniqueKeys"/>); integers and reals are numbers, blobs base64 strings.
/// Nothing reaches standard output until the first 64 KiB or the end, so a query that fails early prints nothing.
/// </summary>
internal sealed class QueryJsonOutput : IQueryOutput, IDisposable
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Long strings are written in pieces of this many characters, so the writer never needs a buffer the size of the value.</summary>
    private const int SegmentChars = 16 * 1024;

    /// <summary>Long blobs are written in pieces of this many bytes, a multiple of 3 so each piece is whole base64.</summary>
    private const int SegmentBytes = 12 * 1024;

    private readonly TextWriter output;
    private readonly ArrayBufferWriter<byte> buffer = new(ChunkBytes * 2);
    private readonly Utf8JsonWriter json;
    private JsonEncodedText[] keys = [];

    /// <summary>Creates the writer.</summary>
    /// <param name="output">Standard output.</param>
    public QueryJsonOutput(TextWriter output)
    {
        this.output = output;
        json = new Utf8JsonWriter(buffer, JsonOutput.WriterOptions);
    }

    /// <summary>
    /// Distinct JSON keys for the column names: each name is kept where it first appears; a later column of the
    /// same name (compared exactly, case included) gets <c>_2</c>, <c>_3</c>, … appended, skipping any key already
    /// taken, including a later column's own name. <c>a, a, a_2</c> become <c>a, a_3, a_2</c>.
    /// </summary>
    /// <param name="columns">The column names, in order.</param>
    /// <returns>One key per column, all different.</returns>
    public static string[] UniqueKeys(IReadOnlyList<string> columns)
    {
        var taken = new HashSet<string>(columns, StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var keys = new string[columns.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var key = columns[i];
            if (!used.Add(key))
            {
                var n = 2;
                while (taken.Contains(Numbered(columns[i], n)))
                {
                    n++;
                }

                key = Numbered(columns[i], n);
                taken.Add(key);
                used.Add(key);
            }

            keys[i] = key;
        }

        return keys;
    }

    private static string Numbered(string name, int n) => string.Create(CultureInfo.InvariantCulture, $"{name}_{n}");

    /// <inheritdoc/>
    public void Start(IReadOnlyList<string> columns)
    {
        keys = UniqueKeys(columns).Select(key => JsonEncodedText.Encode(key, JsonOutput.WriterOptions.Encoder)).ToArray();
        json.WriteStartArray();
    }

    /// <inheritdoc/>
    public void WriteRow(object?[] values)
    {
        json.WriteStartObject();
        for (var i = 0; i < values.Length; i++)
        {
            json.WritePropertyName(keys[i]);
            WriteValue(values[i]);
        }

        json.WriteEndObject();
        FlushWhenFull();
    }

    /// <inheritdoc/>
    public void Finish(QueryResult result)
    {
        json.WriteEndArray();
        Flush();
        output.WriteLine();
    }

    /// <inheritdoc/>
    public void Dispose() => json.Dispose();

    private void WriteValue(object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case long integer:
                json.WriteNumberValue(integer);
                break;
            case double real when double.IsFinite(real):
                json.WriteNumberValue(real);
                break;
            case decimal exact:
                json.WriteNumberValue(exact);
                break;
            case bool truth:
                json.WriteBooleanValue(truth);
                break;
            case string text when text.Length > SegmentChars:
                WriteLongString(text);
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case byte[] blob when blob.Length > SegmentBytes:
                WriteLongBlob(blob);
                break;
            case byte[] blob:
                json.WriteBase64StringValue(blob);
                break;
            case var other:
                json.WriteStringValue(QueryValueText.Format(other));
                break;
        }
    }

    private void WriteLongString(string text)
    {
        for (var start = 0; start < text.Length;)
        {
            var length = Math.Min(SegmentChars, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }

            json.WriteStringValueSegment(text.AsSpan(start, length), isFinalSegment: start + length == text.Length);
            start += length;
            FlushWhenFull();
        }
    }

    private void WriteLongBlob(byte[] blob)
    {
        for (var start = 0; start < blob.Length; start += SegmentBytes)
        {
            var length = Math.Min(SegmentBytes, blob.Length - start);
            json.WriteBase64StringSegment(blob.AsSpan(start, length), isFinalSegment: start + length == blob.Length);
            FlushWhenFull();
        }
    }

    private void FlushWhenFull()
    {
        if (json.BytesPending + buffer.WrittenCount >= ChunkBytes)
        {
            Flush();
        }
    }

    private void Flush()
    {
        json.Flush();
        if (buffer.WrittenCount > 0)
        {
            output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
            buffer.ResetWrittenCount();
        }
    }
}
