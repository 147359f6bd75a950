using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace BookData.Import.Sqlite;

/// <summary>
/// One of the import's maps from a name to an id: a key is a scope (the author's id for a book's title,
/// zero otherwise) and the name's normalized UTF-8 bytes. Names are kept in large shared blocks rather
/// than one string each, which halves the memory a catalog of a million books needs and leaves the
/// garbage collector almost nothing to trace; rows are looked up with the bytes as the CSV parser read
/// them, so a row that names a known author, book or publisher allocates no string for it.
/// </summary>
/// <remarks>
/// Names compare as the schema's <c>NOCASE</c> columns do: byte for byte in UTF-8, except that ASCII
/// letters A–Z match their lower case. Keys are exact; no hash stands in for a name.
/// </remarks>
internal sealed class Utf8IdLookup
{
    private const int BlockSize = 1 << 20;

    private readonly List<byte[]> blocks = [];
    private readonly Dictionary<KeyEntry, long> ids;
    private readonly Dictionary<KeyEntry, long>.AlternateLookup<KeyProbe> byProbe;
    private int used = BlockSize;

    public Utf8IdLookup(int capacity)
    {
        ids = new Dictionary<KeyEntry, long>(capacity, new EntryComparer(this));
        byProbe = ids.GetAlternateLookup<KeyProbe>();
    }

    public int Count => ids.Count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGetValue(long scope, ReadOnlySpan<byte> name, out long id) =>
        byProbe.TryGetValue(new KeyProbe(scope, name), out id);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(long scope, ReadOnlySpan<byte> name, long id)
    {
        if (!byProbe.TryAdd(new KeyProbe(scope, name), id))
        {
            throw new InvalidOperationException($"'{Encoding.UTF8.GetString(name)}' (scope {scope}) is already in the lookup.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int HashNoCase(long scope, ReadOnlySpan<byte> name)
    {
        var hash = default(HashCode);
        hash.Add(scope);
        while (name.Length >= sizeof(ulong))
        {
            hash.Add(FoldAsciiLetters(BinaryPrimitives.ReadUInt64LittleEndian(name)));
            name = name[sizeof(ulong)..];
        }

        foreach (var b in name)
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

    /// <summary>
    /// Every key whose id is at least <paramref name="firstId"/>, at index id − <paramref name="firstId"/>: the keys
    /// added with the ids <paramref name="firstId"/> to <paramref name="firstId"/> + <paramref name="count"/> − 1.
    /// </summary>
    public KeyEntry[] KeysFrom(long firstId, int count)
    {
        var keys = new KeyEntry[count];
        foreach (var (entry, id) in ids)
        {
            if (id >= firstId)
            {
                keys[id - firstId] = entry;
            }
        }

        return keys;
    }

    /// <summary>
    /// Lets go of the map from keys to ids (most of the lookup's memory), keeping the names for
    /// <see cref="NameOf"/>; for a caller that has taken <see cref="KeysFrom"/> and looks nothing up any more.
    /// </summary>
    public void ForgetIds()
    {
        ids.Clear();
        ids.TrimExcess();
    }

    /// <summary>The UTF-8 bytes of a stored key's name, as first added.</summary>
    public ReadOnlySpan<byte> NameOf(KeyEntry entry) =>
        entry.Length == 0 ? default : blocks[entry.Start / BlockSize].AsSpan(entry.Start % BlockSize, entry.Length);

    /// <summary>Copies a probe's name into the blocks and returns the entry that refers to it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private KeyEntry Store(KeyProbe probe)
    {
        if (probe.Name.IsEmpty)
        {
            return new KeyEntry(probe.Scope, 0, 0); // Nothing to copy, and no block may exist yet.
        }

        if (used + probe.Name.Length > BlockSize)
        {
            blocks.Add(new byte[BlockSize]);
            used = 0;
        }

        probe.Name.CopyTo(blocks[^1].AsSpan(used));
        var entry = new KeyEntry(probe.Scope, checked(((blocks.Count - 1) * BlockSize) + used), probe.Name.Length);
        used += probe.Name.Length;
        return entry;
    }

    /// <summary>A stored key: the scope and where the name's UTF-8 bytes are.</summary>
    public readonly record struct KeyEntry(long Scope, int Start, int Length);

    /// <summary>A key being looked up: the scope and the name's UTF-8 bytes, wherever they are.</summary>
    private readonly ref struct KeyProbe(long scope, ReadOnlySpan<byte> name)
    {
        public long Scope { get; } = scope;

        public ReadOnlySpan<byte> Name { get; } = name;
    }

    private sealed class EntryComparer(Utf8IdLookup owner) : IEqualityComparer<KeyEntry>, IAlternateEqualityComparer<KeyProbe, KeyEntry>
    {
        public bool Equals(KeyEntry x, KeyEntry y) =>
            x.Scope == y.Scope && EqualsNoCase(owner.NameOf(x), owner.NameOf(y));

        public int GetHashCode(KeyEntry obj) => HashNoCase(obj.Scope, owner.NameOf(obj));

        public bool Equals(KeyProbe alternate, KeyEntry other) =>
            alternate.Scope == other.Scope && EqualsNoCase(alternate.Name, owner.NameOf(other));

        public int GetHashCode(KeyProbe alternate) => HashNoCase(alternate.Scope, alternate.Name);

        public KeyEntry Create(KeyProbe alternate) => owner.Store(alternate);
    }
}
