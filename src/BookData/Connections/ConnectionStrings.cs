using System.Text;

namespace BookData.Connections;

/// <summary>
/// The one place a connection string is made fit to show: in an exception message, a log line or a command's
/// error, its password never appears.
/// </summary>
public static partial class ConnectionStrings
{
    /// <summary>What a password's value is replaced with: <c>***</c>.</summary>
    public const string Mask = "***";

    /// <summary>
    /// The connection string with the value of every password-like key replaced by <see cref="Mask"/>; everything
    /// else is kept as written.
    /// </summary>
    /// <remarks>
    /// The text is scanned as <c>key=value</c> pairs separated by <c>;</c>, tolerantly, so a malformed string that no
    /// connection-string builder accepts is masked too. A value in single or double quotes (a doubled quote inside
    /// stands for one) may hold <c>;</c>; an unterminated quote masks the rest of the text. Keys are compared
    /// ignoring case, spaces and underscores: <c>Password</c> and its Npgsql synonyms <c>PWD</c> and <c>PSW</c>,
    /// <c>SSL Password</c>, and any other key containing <c>password</c>. Microsoft.Data.Sqlite's only such key is
    /// <c>Password</c>.
    /// </remarks>
    /// <param name="connectionString">A connection string, well-formed or not; <see langword="null"/> gives an empty string.</param>
    /// <returns>The text with passwords masked.</returns>
    public static string Redact(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return "";
        }

        // A URI's user information (scheme://user:password@host) hides its password too.
        var text = UriPassword().Replace(connectionString, Mask);
        var result = new StringBuilder(text.Length);
        var position = 0;
        while (position < text.Length)
        {
            // The key runs to the first '=' that is not doubled ("==" is a literal '=' in a key), or to a ';'.
            var keyStart = position;
            while (position < text.Length && text[position] != ';'
                && !(text[position] == '=' && (position + 1 >= text.Length || text[position + 1] != '=')))
            {
                position += text[position] == '=' ? 2 : 1;
            }

            result.Append(text, keyStart, position - keyStart);
            if (position >= text.Length || text[position] == ';')
            {
                if (position < text.Length)
                {
                    result.Append(';');
                    position++;
                }

                continue;
            }

            result.Append('=');
            position++;
            var valueStart = position;
            var valueEnd = ValueEnd(text, position);
            result.Append(IsSecret(text.AsSpan(keyStart, valueStart - 1 - keyStart))
                ? MaskedValue(text.AsSpan(valueStart, valueEnd - valueStart))
                : text.AsSpan(valueStart, valueEnd - valueStart));
            position = valueEnd;
        }

        return result.ToString();
    }

    /// <summary>Where the value starting at <paramref name="start"/> ends: at the <c>;</c> after it, outside quotes.</summary>
    private static int ValueEnd(string text, int start)
    {
        var position = start;
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        if (position < text.Length && text[position] is '"' or '\'')
        {
            var quote = text[position];
            position++;
            while (position < text.Length)
            {
                if (text[position] == quote)
                {
                    if (position + 1 < text.Length && text[position + 1] == quote)
                    {
                        position += 2;
                        continue;
                    }

                    position++;
                    break;
                }

                position++;
            }
        }

        while (position < text.Length && text[position] != ';')
        {
            position++;
        }

        return position;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=://[^/@:;\s]*:)[^@/;\s]+(?=@)")]
    private static partial System.Text.RegularExpressions.Regex UriPassword();

    /// <summary>The mask for a value; an empty value stays empty (there is nothing to hide).</summary>
    private static string MaskedValue(ReadOnlySpan<char> value) =>
        value.Trim().IsEmpty ? value.ToString() : Mask;

    private static bool IsSecret(ReadOnlySpan<char> key)
    {
        Span<char> normalized = stackalloc char[Math.Min(key.Length, 128)];
        var length = 0;
        foreach (var character in key)
        {
            if (length == normalized.Length)
            {
                break;
            }

            if (!char.IsWhiteSpace(character) && character != '_')
            {
                normalized[length++] = char.ToLowerInvariant(character);
            }
        }

        var name = normalized[..length];
        return name.SequenceEqual("pwd") || name.SequenceEqual("psw") || name.Contains("password", StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether a connection string reads as PostgreSQL's (Npgsql's) rather than SQLite's: it has a <c>Host</c> or
    /// <c>Server</c> key. A malformed string does not (its parser's error says what is wrong with it).
    /// </summary>
    internal static bool LooksLikePostgreSql(string? connectionString)
    {
        try
        {
            var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
            return builder.ContainsKey("Host") || builder.ContainsKey("Server");
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
