using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BookData.Cli.Output;

/// <summary>Writes JSON documents to standard output: indented, UTF-8, non-ASCII and <c>&amp;</c> unescaped.</summary>
internal static class JsonOutput
{
    /// <summary>The options of every JSON document the tool writes: indented, non-ASCII and <c>&amp;</c> unescaped.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Indented = true,

        // The output is a terminal or a file, never HTML: keep "Simon & Schuster" and "Émile" readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes one JSON document followed by a new line.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="write">Writes the document's single value.</param>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
