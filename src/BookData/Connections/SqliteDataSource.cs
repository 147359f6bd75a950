using System.Globalization;
using System.Text;
using BookData.Files;
using Microsoft.Data.Sqlite;

namespace BookData.Connections;

/// <summary>
/// What a SQLite connection string opens, decided the way Microsoft.Data.Sqlite and SQLite decide it: the one place
/// that says whether it is a file (and which file, with symbolic links followed) or an in-memory database. The lock,
/// the export and backup guards, the read-only check, the demo's freshness check and messages all ask it, so none of
/// them can name a file other than the one SQLite writes.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite lets SQLite read URI filenames; SQLite reads a data source as a URI only when it starts with
/// <c>file:</c> in lower case, decodes <c>%HH</c> in its path and query, and takes its query keys and values
/// (<c>mode=memory</c>, <c>vfs=memdb</c>, <c>cache=shared</c>) case-sensitively. A data source SQLite would read
/// differently from how it looks is refused: <c>FILE:</c> or <c>File:</c> (SQLite opens a relative file of that
/// name), a control character, or a path longer than SQLite's limit.
/// </remarks>
internal sealed class SqliteDataSource
{
    /// <summary>SQLite's limit on a full path on Linux and macOS, in UTF-8 bytes: the unix VFS's <c>MAX_PATHNAME</c>.</summary>
    public const int PathLimitBytes = 512;

    /// <summary>
    /// The longest full path of a database file SQLite opens, in UTF-8 bytes: <see cref="PathLimitBytes"/> less the
    /// eight bytes of <c>-journal</c>, which SQLite requires room for beside every database's name.
    /// </summary>
    public const int MaxPathBytes = PathLimitBytes - 8;

    private const string UriScheme = "file:";
    private const string MemoryName = ":memory:";
    private const string MemoryVfs = "memdb";
    private const string DataDirectoryMacro = "|DataDirectory|";

    private SqliteDataSource(string text, string? filePath, bool isInMemory, bool isSharedMemory, bool hasSharedCache, bool isReadOnly)
    {
        Text = text;
        FilePath = filePath;
        IsInMemory = isInMemory;
        IsSharedMemory = isSharedMemory;
        HasSharedCache = hasSharedCache;
        IsReadOnly = isReadOnly;
    }

    /// <summary>The data source as configured.</summary>
    public string Text { get; }

    /// <summary>The full path of the file SQLite opens, symbolic links followed; <see langword="null"/> for an in-memory database.</summary>
    public string? FilePath { get; }

    /// <summary>
    /// <see langword="true"/> for a database with no file: <c>:memory:</c>, <c>Mode=Memory</c>, <c>mode=memory</c> in a
    /// URI (however its letters are percent-encoded), the <c>memdb</c> VFS, or SQLite's temporary database (an empty
    /// URI path).
    /// </summary>
    public bool IsInMemory { get; }

    /// <summary>
    /// <see langword="true"/> for an in-memory database other connections of the process share: a named one with a
    /// shared cache, or a <c>memdb</c> one whose name starts with <c>/</c>.
    /// </summary>
    public bool IsSharedMemory { get; }

    /// <summary><see langword="true"/> when connections share a cache (<c>Cache=Shared</c> or <c>cache=shared</c> in a URI).</summary>
    public bool HasSharedCache { get; }

    /// <summary><see langword="true"/> when the database is opened read-only (<c>Mode=ReadOnly</c> or <c>mode=ro</c> in a URI).</summary>
    public bool IsReadOnly { get; }

    /// <summary>Reads the data source of <paramref name="connectionString"/>.</summary>
    /// <exception cref="BookDataValidationException">The data source is one SQLite would read differently from how it looks.</exception>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    public static SqliteDataSource For(string connectionString) => For(new SqliteConnectionStringBuilder(connectionString));

    /// <summary>Reads the data source of <paramref name="builder"/>.</summary>
    /// <exception cref="BookDataValidationException">The data source is one SQLite would read differently from how it looks.</exception>
    public static SqliteDataSource For(SqliteConnectionStringBuilder builder)
    {
        var text = builder.DataSource;
        ThrowIfControlCharacter(text, text);
        var isUri = text.StartsWith(UriScheme, StringComparison.Ordinal);
        if (!isUri && text.StartsWith(UriScheme, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(
                $"Data source '{text}' starts with '{text[..UriScheme.Length]}', which SQLite does not read as a URI (only '{UriScheme}' in lower case is one): "
                + $"it would open a file named '{text}' relative to the current folder, not the file the URI names. Write '{UriScheme}' in lower case, or give the file's path without it.");
        }

        var mode = builder.Mode;
        var cacheShared = builder.Cache == SqliteCacheMode.Shared;
        var vfs = string.IsNullOrWhiteSpace(builder.Vfs) ? null : builder.Vfs;
        string path;
        Dictionary<string, string> query;
        if (isUri || mode == SqliteOpenMode.Memory)
        {
            // Microsoft.Data.Sqlite makes a Mode=Memory name a URI by putting "file:" in front of it.
            (path, query) = ParseUri(isUri ? text[UriScheme.Length..] : text);
            ThrowIfControlCharacter(path, text);
        }
        else
        {
            path = text;
            query = [];
        }

        vfs = query.GetValueOrDefault("vfs") ?? vfs;
        cacheShared = query.TryGetValue("cache", out var cache) ? cache == "shared" : cacheShared;
        var readOnly = query.TryGetValue("mode", out var uriMode) ? uriMode == "ro" : mode == SqliteOpenMode.ReadOnly;
        var memoryVfs = string.Equals(vfs, MemoryVfs, StringComparison.Ordinal);
        var inMemory = mode == SqliteOpenMode.Memory
            || uriMode == "memory"
            || memoryVfs
            || path.Length == 0
            || path.Equals(MemoryName, StringComparison.OrdinalIgnoreCase);
        if (inMemory)
        {
            var shared = memoryVfs
                ? path.StartsWith('/')
                : cacheShared && path.Length > 0 && !text.Equals(MemoryName, StringComparison.OrdinalIgnoreCase);
            return new SqliteDataSource(text, null, isInMemory: true, shared, cacheShared, readOnly);
        }

        var file = LinkedPath.ResolveOrKeep(isUri ? path : InDataDirectory(path));
        var bytes = Encoding.UTF8.GetByteCount(file);
        if (bytes > MaxPathBytes)
        {
            throw Invalid(string.Create(
                CultureInfo.InvariantCulture,
                $"Data source '{text}' is too long for SQLite: {(string.Equals(file, text, StringComparison.Ordinal) ? "the path" : $"its full path '{file}'")} is {bytes:N0} bytes (UTF-8), and SQLite opens no database whose full path is longer than {MaxPathBytes} bytes (its limit of {PathLimitBytes} less the 8 of '-journal').")
                + " Use a shorter path, for example a folder nearer the root.");
        }

        return new SqliteDataSource(text, file, isInMemory: false, isSharedMemory: false, cacheShared, readOnly);
    }

    /// <summary>
    /// The full path of the file <paramref name="dataSource"/> names (as <see cref="For(SqliteConnectionStringBuilder)"/>
    /// finds it); <see langword="null"/> when it names none or SQLite would read it differently.
    /// </summary>
    public static string? FileOf(string dataSource)
    {
        try
        {
            return For(new SqliteConnectionStringBuilder { DataSource = dataSource }).FilePath;
        }
        catch (BookDataValidationException)
        {
            return null;
        }
    }

    /// <summary><paramref name="text"/> with every control character written as an escape (<c>\r</c>, <c>\n</c>, <c>\t</c>, <c>\u0001</c>).</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    private static void ThrowIfControlCharacter(string value, string text)
    {
        var at = value.AsSpan().IndexOfAnyInRange('\0', '\u001f');
        if (at < 0)
        {
            at = value.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        }

        if (at >= 0)
        {
            throw Invalid(
                $"Data source '{Escape(text)}' holds the control character '{Escape(value[at].ToString())}', which SQLite would keep in the file's name and open a different file. "
                + "Remove it (a value read from a file with Windows line endings often ends in '\\r').");
        }
    }

    private static BookDataValidationException Invalid(string message) =>
        new($"{BookDataOptions.SectionName}:{nameof(BookDataOptions.ConnectionString)}", message);

    /// <summary>Where Microsoft.Data.Sqlite puts a relative file name when the application sets a data directory.</summary>
    private static string InDataDirectory(string path)
    {
        if (AppDomain.CurrentDomain.GetData("DataDirectory") is string { Length: > 0 } dataDirectory)
        {
            if (path.StartsWith(DataDirectoryMacro, StringComparison.OrdinalIgnoreCase))
            {
                return Path.Combine(dataDirectory, path[DataDirectoryMacro.Length..]);
            }

            if (!Path.IsPathRooted(path))
            {
                return Path.Combine(dataDirectory, path);
            }
        }

        return path;
    }

    /// <summary>
    /// The path and query of a URI after <c>file:</c>, as SQLite's URI parser reads them: an authority (empty or
    /// <c>localhost</c>) dropped, <c>%HH</c> decoded in the path, names and values (a decoded <c>?</c>, <c>&amp;</c> or
    /// <c>=</c> is text, not a separator), <c>%00</c> ending the part it is in, and <c>#</c> ending it all. The last
    /// value of a repeated name wins, as in SQLite.
    /// </summary>
    private static (string Path, Dictionary<string, string> Query) ParseUri(string uri)
    {
        var at = 0;
        if (uri.StartsWith("//", StringComparison.Ordinal))
        {
            // SQLite refuses any other authority ("invalid uri authority") when it opens, which says so itself.
            var slash = uri.IndexOf('/', 2);
            at = slash < 0 ? uri.Length : slash;
        }

        var path = new List<byte>();
        var name = new List<byte>();
        var value = new List<byte>();
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        var state = 0; // 0: path, 1: a query name, 2: a query value.
        var part = path;
        var bytes = Encoding.UTF8.GetBytes(uri[at..]);
        for (var i = 0; i < bytes.Length && bytes[i] != (byte)'#'; i++)
        {
            var c = bytes[i];
            if (c == (byte)'%' && i + 2 < bytes.Length && IsHex(bytes[i + 1]) && IsHex(bytes[i + 2]))
            {
                var octet = (byte)((Hex(bytes[i + 1]) << 4) | Hex(bytes[i + 2]));
                i += 2;
                if (octet == 0)
                {
                    // The rest of this part is ignored, up to the next separator.
                    while (i + 1 < bytes.Length && bytes[i + 1] is var next && next != (byte)'#'
                        && (state != 0 || next != (byte)'?')
                        && (state != 1 || (next != (byte)'=' && next != (byte)'&'))
                        && (state != 2 || next != (byte)'&'))
                    {
                        i++;
                    }

                    continue;
                }

                part.Add(octet);
                continue;
            }

            if (state == 0 && c == (byte)'?')
            {
                (state, part) = (1, name);
                continue;
            }

            if (state == 1 && (c == (byte)'&' || c == (byte)'='))
            {
                if (name.Count == 0)
                {
                    // An empty name: SQLite ignores the option, its value too, up to the next '&'.
                    while (c != (byte)'&' && i + 1 < bytes.Length && bytes[i + 1] != (byte)'#')
                    {
                        c = bytes[++i];
                    }
                }
                else if (c == (byte)'=')
                {
                    (state, part) = (2, value);
                }
                else
                {
                    name.Clear();
                }

                continue;
            }

            if (state == 2 && c == (byte)'&')
            {
                Add();
                (state, part) = (1, name);
                continue;
            }

            part.Add(c);
        }

        if (state == 2)
        {
            Add();
        }

        return (Encoding.UTF8.GetString(path.ToArray()), query);

        void Add()
        {
            query[Encoding.UTF8.GetString(name.ToArray())] = Encoding.UTF8.GetString(value.ToArray());
            name.Clear();
            value.Clear();
        }

        static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

        static int Hex(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
    }
}
