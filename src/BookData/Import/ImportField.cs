using System.Text;

namespace BookData.Import;

/// <summary>
/// One normalized value of a row while it is resolved: its UTF-8 bytes (as the parser read them when
/// they were already normal, or re-encoded after normalization), and the normalized text when it was
/// made as a string. Valid only until the parser reads the next row.
/// </summary>
/// <param name="utf8">The normalized value in UTF-8.</param>
/// <param name="text">The normalized value as a string, or <see langword="null"/> when it exists only as bytes.</param>
internal readonly ref struct ImportField(ReadOnlySpan<byte> utf8, string? text)
{
    /// <summary>The normalized value in UTF-8.</summary>
    public ReadOnlySpan<byte> Utf8 { get; } = utf8;

    /// <summary>The normalized value as a string when normalization made one; <see langword="null"/> when it exists only as bytes.</summary>
    public string? Text { get; } = text;

    /// <summary>The normalized value as a string, made only for a value the catalog does not hold yet.</summary>
    public string ToText() => Text ?? (Utf8.IsEmpty ? string.Empty : Encoding.UTF8.GetString(Utf8));
}
