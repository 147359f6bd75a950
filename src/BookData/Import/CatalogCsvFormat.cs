using System.Buffers;
using System.Text;
using BookData.Text;

namespace BookData.Import;

/// <summary>The catalog's flat file: one row per book–publisher pair, with these four columns.</summary>
internal static class CatalogCsvFormat
{
    public static readonly CatalogColumn FirstName = new("first_name", "first name", CatalogText.MaxNameLength, Required: false);

    public static readonly CatalogColumn LastName = new("last_name", "last name", CatalogText.MaxNameLength, Required: true);

    public static readonly CatalogColumn Title = new("title", "title", CatalogText.MaxTitleLength, Required: true);

    public static readonly CatalogColumn Publisher = new("publisher", "publisher", CatalogText.MaxPublisherNameLength, Required: true);

    /// <summary>The columns in the order the exporter writes them.</summary>
    public static readonly IReadOnlyList<CatalogColumn> Columns = [FirstName, LastName, Title, Publisher];

    /// <summary>The header line the exporter writes: <c>first_name,last_name,title,publisher</c>.</summary>
    public static readonly string Header = string.Join(',', Columns.Select(column => column.Name));

    private static readonly int ShortestName = Columns.Min(column => column.Name.Length);

    private static readonly int LongestName = Columns.Max(column => column.Name.Length);

    /// <summary>
    /// The column a field names, or -1: the one rule for the header, for a header repeated mid-file and for the
    /// export's quoting. A field names a column when, without the white space at either end (any Unicode white
    /// space: a tab, a no-break space, as <see cref="CatalogText"/> trims every value), it is the column's name,
    /// ignoring the case of its (ASCII) letters; so a row names the columns exactly when its values, as the import
    /// would store them, are the column names.
    /// </summary>
    /// <param name="field">The field's text (unquoted).</param>
    public static int ColumnNamed(ReadOnlySpan<char> field)
    {
        field = field.Trim();
        for (var c = 0; c < Columns.Count; c++)
        {
            if (Ascii.EqualsIgnoreCase(field, Columns[c].Name))
            {
                return c;
            }
        }

        return -1;
    }

    /// <summary>The column a field's UTF-8 bytes name, or -1, by the rule of <see cref="ColumnNamed(ReadOnlySpan{char})"/>.</summary>
    /// <param name="field">The field's raw bytes (unquoted).</param>
    public static int ColumnNamed(ReadOnlySpan<byte> field)
    {
        field = TrimWhiteSpace(field);
        if (field.Length < ShortestName || field.Length > LongestName)
        {
            // Most values: the check that runs on every field of every row ends here.
            return -1;
        }

        for (var c = 0; c < Columns.Count; c++)
        {
            if (Ascii.EqualsIgnoreCase(field, Columns[c].Name))
            {
                return c;
            }
        }

        return -1;
    }

    /// <summary>
    /// UTF-8 text without the white space at either end, as <see cref="MemoryExtensions.Trim(ReadOnlySpan{char})"/>
    /// trims its string (bytes that are not UTF-8 are kept).
    /// </summary>
    public static ReadOnlySpan<byte> TrimWhiteSpace(ReadOnlySpan<byte> text)
    {
        // Most fields start and end with a printable ASCII character: nothing to decode.
        if (text.IsEmpty || (text[0] - 0x21u <= 0x7E - 0x21 && text[^1] - 0x21u <= 0x7E - 0x21))
        {
            return text;
        }

        while (Rune.DecodeFromUtf8(text, out var rune, out var used) == OperationStatus.Done && Rune.IsWhiteSpace(rune))
        {
            text = text[used..];
        }

        while (Rune.DecodeLastFromUtf8(text, out var rune, out var used) == OperationStatus.Done && Rune.IsWhiteSpace(rune))
        {
            text = text[..^used];
        }

        return text;
    }

    /// <summary>
    /// Whether a book's four values are the four column names, in any order (by <see cref="ColumnNamed(ReadOnlySpan{char})"/>):
    /// written as they are, its row would read as the header repeated, which the import refuses, so the exporter
    /// quotes each value.
    /// </summary>
    public static bool NamesTheColumns(string firstName, string lastName, string title, string publisher)
    {
        var named = Bit(ColumnNamed(firstName)) | Bit(ColumnNamed(lastName)) | Bit(ColumnNamed(title)) | Bit(ColumnNamed(publisher));
        return named == AllColumns;
    }

    /// <summary>Column <paramref name="c"/> as a bit of a set of columns (<see cref="AllColumns"/>); none for -1.</summary>
    public static int Bit(int c) => c < 0 ? 0 : 1 << c;

    /// <summary>The bits of all four columns in a set of column indexes kept as bits (1 &lt;&lt; index).</summary>
    public const int AllColumns = 0b1111;
}
