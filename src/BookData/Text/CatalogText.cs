using System.Buffers;
using System.Globalization;
using System.Text;

namespace BookData.Text;

/// <summary>
/// The one place names and titles are normalized and checked before they are stored or compared:
/// trimmed, inner runs of white space collapsed to one space, Unicode-composed (NFC), limited in length
/// (counted in Unicode scalar values, as the database counts) and free of invisible characters.
/// </summary>
public static class CatalogText
{
    /// <summary>The longest first or last name, in characters (see <see cref="CountCharacters"/>): 100.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The longest publisher name, in characters (see <see cref="CountCharacters"/>): 200.</summary>
    public const int MaxPublisherNameLength = 200;

    /// <summary>The longest book title, in characters (see <see cref="CountCharacters"/>): 500.</summary>
    public const int MaxTitleLength = 500;

    /// <summary>
    /// Normalizes <paramref name="value"/>: trims it, collapses every inner run of white space to one
    /// space and composes it to Unicode normalization form C. Does not check length or emptiness.
    /// </summary>
    /// <param name="value">The text to normalize.</param>
    /// <returns>The normalized text; <see cref="string.Empty"/> for white space only.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not valid Unicode (a lone surrogate).</exception>
    public static string Normalize(string value) => NormalizeArgument(value, nameof(value));

    /// <summary>
    /// <see cref="Normalize(string)"/>, with errors naming the caller's parameter <paramref name="parameterName"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not valid Unicode: the message names the lone surrogate and its position.</exception>
    internal static string NormalizeArgument(string value, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        var span = value.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return string.Empty;
        }

        string collapsed;
        if (!NeedsCollapsing(span))
        {
            collapsed = span.Length == value.Length ? value : span.ToString();
        }
        else
        {
            var builder = new StringBuilder(span.Length);
            var inWhiteSpace = false;
            foreach (var c in span)
            {
                if (char.IsWhiteSpace(c))
                {
                    inWhiteSpace = true;
                    continue;
                }

                if (inWhiteSpace)
                {
                    builder.Append(' ');
                    inWhiteSpace = false;
                }

                builder.Append(c);
            }

            collapsed = builder.ToString();
        }

        if (FindLoneSurrogate(collapsed) is { } lone)
        {
            throw new ArgumentException(
                $"The text contains a lone surrogate U+{(int)lone.Unit:X4} at character {lone.Position}, which is not valid Unicode text.",
                parameterName);
        }

        return collapsed.IsNormalized(NormalizationForm.FormC) ? collapsed : collapsed.Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Normalizes and validates a required value: not null, not blank, only visible characters and white
    /// space (see <see cref="Optional"/>), at most <paramref name="maxLength"/> characters long.
    /// </summary>
    /// <param name="value">The value as the caller gave it.</param>
    /// <param name="field">The field name for the error, for example <c>title</c>.</param>
    /// <param name="maxLength">The most characters (Unicode scalar values, see <see cref="CountCharacters"/>) the normalized value may have.</param>
    /// <returns>The normalized value.</returns>
    /// <exception cref="BookDataValidationException">The value is null, blank, too long or holds a refused character.</exception>
    internal static string Required(string? value, string field, int maxLength)
    {
        var normalized = Optional(value, field, maxLength);
        if (normalized.Length == 0)
        {
            throw new BookDataValidationException(field, $"The {field} is required and cannot be empty or white space.");
        }

        return normalized;
    }

    /// <summary>
    /// Normalizes and validates a value that may be empty (a first name): not null, at most
    /// <paramref name="maxLength"/> characters long, and free of the characters that are drawn as nothing or
    /// that are not text.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Refused, with an error that names the character as <c>U+XXXX</c> and its 1-based position in the value
    /// as given (counted in characters as <see cref="CountCharacters"/> counts them):
    /// control characters other than white space (NUL and the other C0 and C1 controls; tabs and line
    /// breaks are white space and collapse to one space); format characters (Unicode category Cf: zero-width
    /// spaces and joiners, bidirectional controls, the soft hyphen, a byte order mark inside the value); the
    /// other characters Unicode marks as default-ignorable (variation selectors, the combining grapheme joiner,
    /// Hangul fillers); and lone surrogates, which are not Unicode text and cannot be stored as UTF-8.
    /// </para>
    /// <para>
    /// These characters are invisible, so two names that differ only by them would look identical in every
    /// listing. Emoji sequences that rely on the zero-width joiner or a variation selector are refused too. The one
    /// exception: the zero-width non-joiner and joiner (U+200C, U+200D) between two letters, where Persian, Urdu and
    /// the Indic scripts need them to spell a word (<c>اسماعیل‌زاده</c>).
    /// </para>
    /// </remarks>
    /// <param name="value">The value as the caller gave it.</param>
    /// <param name="field">The field name for the error, for example <c>first name</c>.</param>
    /// <param name="maxLength">The most characters (Unicode scalar values, see <see cref="CountCharacters"/>) the normalized value may have.</param>
    /// <returns>The normalized value, possibly empty.</returns>
    /// <exception cref="BookDataValidationException">The value is null, too long or holds a refused character.</exception>
    internal static string Optional(string? value, string field, int maxLength)
    {
        if (value is null)
        {
            throw new BookDataValidationException(field, $"The {field} is required; null was given.");
        }

        CheckCharacters(value, field);
        var normalized = Normalize(value);
        var length = CountCharacters(normalized);
        if (length > maxLength)
        {
            throw new BookDataValidationException(
                field,
                $"The {field} is {length} characters long; the limit is {maxLength}.");
        }

        return normalized;
    }

    /// <summary>
    /// Counts the characters of <paramref name="value"/> as the database does: Unicode scalar values (code
    /// points), the unit of SQLite's <c>length()</c> and PostgreSQL's <c>char_length()</c> on UTF-8 text and
    /// of the schema's length checks. An emoji outside the Basic Multilingual Plane is one character (two
    /// UTF-16 code units in a .NET string); a lone surrogate counts as one.
    /// </summary>
    /// <param name="value">The text.</param>
    /// <returns>The number of characters.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static int CountCharacters(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var count = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    /// <summary>The most UTF-8 bytes a value of <paramref name="maxLength"/> characters can take: four per character.</summary>
    internal static int MaxUtf8ByteCount(int maxLength) => maxLength * 4;

    /// <summary>Refuses the first character of <paramref name="value"/> that <see cref="Optional"/> does not accept.</summary>
    private static void CheckCharacters(string value, string field)
    {
        if (FindLoneSurrogate(value) is { } lone)
        {
            throw new BookDataValidationException(
                field,
                $"The {field} contains a lone surrogate U+{(int)lone.Unit:X4} at character {lone.Position}, which is not valid Unicode text.");
        }

        var position = 0;
        var previous = default(Rune);
        for (var i = 0; i < value.Length;)
        {
            position++;
            Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var used);
            if (RefusedKind(rune) is { } kind && !IsJoinerBetweenLetters(rune, previous, value.AsSpan(i + used)))
            {
                throw new BookDataValidationException(
                    field,
                    $"The {field} contains the {kind} U+{rune.Value:X4} at character {position}, which is not allowed.");
            }

            previous = rune;
            i += used;
        }
    }

    /// <summary>
    /// The first lone surrogate of <paramref name="value"/> and its 1-based position in characters (as
    /// <see cref="CountCharacters"/> counts them), or <see langword="null"/> when the value is valid UTF-16.
    /// </summary>
    private static (char Unit, int Position)? FindLoneSurrogate(string value)
    {
        var position = 0;
        for (var i = 0; i < value.Length; i++)
        {
            position++;
            if (!char.IsSurrogate(value[i]))
            {
                continue;
            }

            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            return (value[i], position);
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="rune"/> is the zero-width non-joiner or joiner (U+200C, U+200D) with a letter (or a mark)
    /// on each side: in Persian, Urdu and the Indic scripts they are part of a word's spelling and change how it is
    /// drawn, so they are kept there; anywhere else (at either end, beside a space, in emoji sequences) they are refused.
    /// </summary>
    private static bool IsJoinerBetweenLetters(Rune rune, Rune previous, ReadOnlySpan<char> rest) =>
        rune.Value is 0x200C or 0x200D
            && IsLetterOrMark(previous)
            && Rune.DecodeFromUtf16(rest, out var next, out _) == OperationStatus.Done
            && IsLetterOrMark(next);

    private static bool IsLetterOrMark(Rune rune) =>
        rune.Value != 0 && (Rune.IsLetter(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark);

    /// <summary>What kind of refused character <paramref name="rune"/> is, or <see langword="null"/> when it is allowed.</summary>
    private static string? RefusedKind(Rune rune)
    {
        if (rune.Value is >= 0x20 and < 0x7F)
        {
            return null;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control when !Rune.IsWhiteSpace(rune) => "control character",
            UnicodeCategory.Format => "invisible format character",
            _ when IsOtherDefaultIgnorable(rune.Value) => "invisible character",
            _ => null,
        };
    }

    /// <summary>
    /// The default-ignorable code points (Unicode's Default_Ignorable_Code_Point property) outside category Cf,
    /// drawn as nothing on their own: the combining grapheme joiner, Hangul fillers, Khmer inherent vowels,
    /// Mongolian free variation selectors, variation selectors, tags and reserved ones.
    /// </summary>
    private static bool IsOtherDefaultIgnorable(int value) =>
        value is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or (>= 0x180B and <= 0x180F) or 0x2065 or 0x3164
            or (>= 0xFE00 and <= 0xFE0F) or 0xFFA0 or (>= 0xFFF0 and <= 0xFFF8) or (>= 0xE0000 and <= 0xE0FFF);

    private static bool NeedsCollapsing(ReadOnlySpan<char> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsWhiteSpace(span[i]) && (span[i] != ' ' || (i + 1 < span.Length && char.IsWhiteSpace(span[i + 1]))))
            {
                return true;
            }
        }

        return false;
    }
}
