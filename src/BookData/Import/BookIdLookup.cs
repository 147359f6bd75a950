using System.Buffers.Binary;
using System.Text;

namespace BookData.Import;

/// <summary>
/// The import's map from (author id, title) to book id, the largest of its lookups. Titles are kept as
/// UTF-8 in large shared blocks rather than one string per book, which halves the memory a catalog of
/// a million books needs and leaves the garbage collector almost nothing to trace.
/// </summary>
/// <remarks>
/// Titles compare as the schema's <c>NOCASE</c> column does: byte for byte in UTF-8, except that ASCII
/// letters A–Z match their lower case. Keys are exact; no hash stands in for a title.
/// </remarks>
internal sealed class BookIdLookup
{
    private const int BlockSize = 1 << 20;

    private readonly List<byte[]> blocks = [];
    private readonly Dictionary<BookEntry, long> ids;
    private readonly Dictionary<BookEntry, long>.AlternateLookup<BookProbe> byProbe;
    private readonly byte[] scratch = new byte[Encoding.UTF8.GetMaxByteCount(CatalogCsvFormat.Title.MaxLength)];
    private int used = BlockSize;

    public BookIdLookup(int capacity)
    {
        ids = new Dictionary<BookEntry, long>(capacity, new EntryComparer(this));
        byProbe = ids.GetAlternateLookup<BookProbe>();
    }

    public int Count => ids.Count;

    public bool TryGetValue(long authorId, string title, out long bookId) =>
        byProbe.TryGetValue(Probe(authorId, title), out bookId);

    public void Add(long authorId, string title, long bookId)
    {
        if (!byProbe.TryAdd(Probe(authorId, title), bookId))
        {
            throw new InvalidOperationException($"Book '{title}' of author {authorId} is already in the lookup.");
        }
    }

    private static bool EqualsNoCase(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        if (x.Length != y.Length)
        {
            return false;
        }

        if (x.SequenceEqual(y))
        {
            return true;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != y[i] && Fold(x[i]) != Fold(y[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int HashNoCase(long authorId, ReadOnlySpan<byte> title)
    {
        var hash = default(HashCode);
        hash.Add(authorId);
        while (title.Length >= sizeof(ulong))
        {
            hash.Add(FoldAsciiLetters(BinaryPrimitives.ReadUInt64LittleEndian(title)));
            title = title[sizeof(ulong)..];
        }

        foreach (var b in title)
        {
            hash.Add(Fold(b));
        }

        return hash.ToHashCode();
    }

    /// <summary>Lower-cases the ASCII letters A–Z among eight bytes at once and leaves every other byte as it is.</summary>
    private static ulong FoldAsciiLetters(ulong word)
    {
        const ulong Ones = 0x0101010101010101;
        const ulong HighBits = 0x8080808080808080;
        var sevenBits = word & ~HighBits;
        var atLeastA = sevenBits + ((0x80 - 'A') * Ones);
        var beyondZ = sevenBits + ((0x80 - 'Z' - 1) * Ones);
        var isUpper = (atLeastA ^ beyondZ) & ~word & HighBits;
        return word | (isUpper >> 2);
    }

    private static byte Fold(byte b) => (uint)(b - 'A') <= 'Z' - 'A' ? (byte)(b | 0x20) : b;

    private BookProbe Probe(long authorId, string title)
    {
        var length = Encoding.UTF8.GetBytes(title, scratch);
        return new BookProbe(authorId, scratch.AsSpan(0, length));
    }

    private ReadOnlySpan<byte> TitleOf(BookEntry entry) =>
        blocks[entry.Start / BlockSize].AsSpan(entry.Start % BlockSize, entry.Length);

    /// <summary>Copies a probe's title into the blocks and returns the entry that refers to it.</summary>
    private BookEntry Store(BookProbe probe)
    {
        if (used + probe.Title.Length > BlockSize)
        {
            blocks.Add(new byte[BlockSize]);
            used = 0;
        }

        probe.Title.CopyTo(blocks[^1].AsSpan(used));
        var entry = new BookEntry(probe.AuthorId, checked(((blocks.Count - 1) * BlockSize) + used), probe.Title.Length);
        used += probe.Title.Length;
        return entry;
    }

    /// <summary>A stored key: the author and where the title's UTF-8 bytes are.</summary>
    private readonly record struct BookEntry(long AuthorId, int Start, int Length);

    /// <summary>A key being looked up: the author and the title's UTF-8 bytes in the scratch buffer.</summary>
    private readonly ref struct BookProbe(long authorId, ReadOnlySpan<byte> title)
    {
        public long AuthorId { get; } = authorId;

        public ReadOnlySpan<byte> Title { get; } = title;
    }

    private sealed class EntryComparer(BookIdLookup owner) : IEqualityComparer<BookEntry>, IAlternateEqualityComparer<BookProbe, BookEntry>
    {
        public bool Equals(BookEntry x, BookEntry y) =>
            x.AuthorId == y.AuthorId && EqualsNoCase(owner.TitleOf(x), owner.TitleOf(y));

        public int GetHashCode(BookEntry obj) => HashNoCase(obj.AuthorId, owner.TitleOf(obj));

        public bool Equals(BookProbe alternate, BookEntry other) =>
            alternate.AuthorId == other.AuthorId && EqualsNoCase(alternate.Title, owner.TitleOf(other));

        public int GetHashCode(BookProbe alternate) => HashNoCase(alternate.AuthorId, alternate.Title);

        public BookEntry Create(BookProbe alternate) => owner.Store(alternate);
    }
}
