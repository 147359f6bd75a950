using System.Text;

namespace BookData.Text;

/// <summary>
/// The one place names and titles are normalized and checked before they are stored or compared:
/// trimmed, inner runs of white space collapsed to one space, Unicode-composed (NFC), and limited in length.
/// </summary>
public static class CatalogText
{
    /// <summary>The longest first or last name, in UTF-16 code units: 100.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The longest publisher name, in UTF-16 code units: 200.</summary>
    public const int MaxPublisherNameLength = 200;

    /// <summary>The longest book title, in UTF-16 code units: 500.</summary>
    public const int MaxTitleLength = 500;

    /// <summary>
    /// Normalizes <paramref name="value"/>: trims it, collapses every inner run of white space to one
    /// space and composes it to Unicode normalization form C. Does not check length or emptiness.
    /// </summary>
    /// <param name="value">The text to normalize.</param>
    /// <returns>The normalized text; <see cref="string.Empty"/> for white space only.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not valid Unicode (a lone surrogate).</exception>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
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

        return collapsed.IsNormalized(NormalizationForm.FormC) ? collapsed : collapsed.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Normalizes and validates a required value: not null, not blank, no control characters, at most <paramref name="maxLength"/> long.</summary>
    /// <param name="value">The value as the caller gave it.</param>
    /// <param name="field">The field name for the error, for example <c>title</c>.</param>
    /// <param name="maxLength">The longest allowed normalized value.</param>
    /// <returns>The normalized value.</returns>
    /// <exception cref="BookDataValidationException">The value is null, blank, too long or not valid text.</exception>
    public static string Required(string? value, string field, int maxLength)
    {
        var normalized = Optional(value, field, maxLength);
        if (normalized.Length == 0)
        {
            throw new BookDataValidationException(field, $"The {field} is required and cannot be empty or white space.");
        }

        return normalized;
    }

    /// <summary>Normalizes and validates a value that may be empty (a first name): not null, no control characters, at most <paramref name="maxLength"/> long.</summary>
    /// <param name="value">The value as the caller gave it.</param>
    /// <param name="field">The field name for the error, for example <c>first name</c>.</param>
    /// <param name="maxLength">The longest allowed normalized value.</param>
    /// <returns>The normalized value, possibly empty.</returns>
    /// <exception cref="BookDataValidationException">The value is null, too long or not valid text.</exception>
    public static string Optional(string? value, string field, int maxLength)
    {
        if (value is null)
        {
            throw new BookDataValidationException(field, $"The {field} is required; null was given.");
        }

        string normalized;
        try
        {
            normalized = Normalize(value);
        }
        catch (ArgumentException ex)
        {
            throw new BookDataValidationException(field, $"The {field} is not valid Unicode text.", ex);
        }

        if (normalized.Length > maxLength)
        {
            throw new BookDataValidationException(
                field,
                $"The {field} is {normalized.Length} characters long; the limit is {maxLength}.");
        }

        foreach (var c in normalized)
        {
            if (char.IsControl(c))
            {
                throw new BookDataValidationException(
                    field,
                    $"The {field} contains the control character U+{(int)c:X4}, which is not allowed.");
            }
        }

        return normalized;
    }

    /// <summary>
    /// Splits a full author name as the reference tutorial does: the last word is the last name,
    /// everything before it the first name. A single word is a last name with an empty first name.
    /// </summary>
    /// <param name="fullName">The name, for example <c>Stephen King</c> or <c>Ursula K. Le Guin</c>.</param>
    /// <returns>The normalized first and last name.</returns>
    /// <exception cref="BookDataValidationException">The name is null, blank, too long or not valid text.</exception>
    public static (string FirstName, string LastName) SplitAuthorName(string? fullName)
    {
        var normalized = Required(fullName, "author name", (2 * MaxNameLength) + 1);
        var space = normalized.LastIndexOf(' ');
        var first = space < 0 ? string.Empty : normalized[..space];
        var last = space < 0 ? normalized : normalized[(space + 1)..];
        return (Optional(first, "first name", MaxNameLength), Required(last, "last name", MaxNameLength));
    }

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
