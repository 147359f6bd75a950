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
/// The map is an open-addressing table of slots that hold the key's hash beside its scope, id and name's
/// place: a lookup reads one slot, and a name's bytes only when the hash matches. When a file's authors are
/// interleaved, most lookups miss the processor's caches; a dictionary with a comparer took three to four misses
/// where this takes about two (docs/benchmarks.md).
/// </remarks>
internal sealed class Utf8IdLookup
{
    private const int BlockSize = 1 << 20;

    private readonly List<byte[]> blocks = [];
    private int used = BlockSize;

    /// <summary>The table: a power of two in length, at most three quarters full; an unused slot has <see cref="Slot.Taken"/> false.</summary>
    private Slot[] slots;
    private int count;

    public Utf8IdLookup(int capacity)
    {
        slots = new Slot[TableSize(capacity)];
    }

    public int Count => count;

    public bool TryGetValue(long scope, ReadOnlySpan<byte> name, out long id) => TryGetValue(scope, name, Hash(scope, name), out id);

    /// <summary>Looks a key up by the hash <see cref="Hash"/> gave it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGetValue(long scope, ReadOnlySpan<byte> name, int hash, out long id)
    {
        ref var slot = ref Find(scope, name, hash);
        id = slot.Id;
        return slot.Taken;
    }

    public void Add(long scope, ReadOnlySpan<byte> name, long id) => Add(scope, name, Hash(scope, name), id);

    /// <summary>Adds a key by the hash <see cref="Hash"/> gave it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(long scope, ReadOnlySpan<byte> name, int hash, long id)
    {
        if ((count + 1) * 4L > slots.Length * 3L)
        {
            Grow();
        }

        ref var slot = ref Find(scope, name, hash);
        if (slot.Taken)
        {
            throw new InvalidOperationException($"'{Encoding.UTF8.GetString(name)}' (scope {scope}) is already in the lookup.");
        }

        var (start, length) = Store(name);
        slot = new Slot(scope, id, start, length, hash, Taken: true);
        count++;
    }

    /// <summary>
    /// Reads the first slot each of these hashes would take, and nothing else, in one tight loop: the processor
    /// fetches many of them from memory at once, where lookups one after the other each wait for their own. A table
    /// of a million books is far larger than the processor's caches, and when a file's authors are interleaved
    /// nearly every lookup misses them; looked up right after, the touched slots are found in the caches.
    /// </summary>
    /// <returns>A value read from the slots, for the caller to keep so the reads are not left out.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Touch(ReadOnlySpan<int> hashes)
    {
        var table = slots;
        var mask = table.Length - 1;
        var seen = 0;
        foreach (var hash in hashes)
        {
            seen ^= table[hash & mask].Hash;
        }

        return seen;
    }

    /// <summary>The hash of a key, for <see cref="TryGetValue(long, ReadOnlySpan{byte}, int, out long)"/>, <see cref="Add(long, ReadOnlySpan{byte}, int, long)"/> and <see cref="Touch"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Hash(long scope, ReadOnlySpan<byte> name) => HashNoCase(scope, name);

    /// <summary>The slot that holds the key, or the unused slot where it would go.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ref Slot Find(long scope, ReadOnlySpan<byte> name, int hash)
    {
        var mask = slots.Length - 1;
        var i = hash & mask;
        while (true)
        {
            ref var slot = ref slots[i];
            if (!slot.Taken
                || (slot.Hash == hash && slot.Scope == scope && slot.Length == name.Length && EqualsNoCase(name, NameAt(slot.Start, slot.Length))))
            {
                return ref slot;
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>Doubles the table and puts every key in its place again, by its kept hash.</summary>
    private void Grow()
    {
        var old = slots;
        slots = new Slot[old.Length * 2];
        var mask = slots.Length - 1;
        foreach (ref readonly var slot in old.AsSpan())
        {
            if (!slot.Taken)
            {
                continue;
            }

            var i = slot.Hash & mask;
            while (slots[i].Taken)
            {
                i = (i + 1) & mask;
            }

            slots[i] = slot;
        }
    }

    /// <summary>The smallest power of two that holds <paramref name="capacity"/> keys at most three quarters full (at least 16).</summary>
    private static int TableSize(int capacity)
    {
        var wanted = Math.Max(16L, ((long)Math.Max(capacity, 0) * 4 / 3) + 1);
        return checked((int)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)wanted));
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
        foreach (ref readonly var slot in slots.AsSpan())
        {
            if (slot.Taken && slot.Id >= firstId)
            {
                keys[slot.Id - firstId] = new KeyEntry(slot.Scope, slot.Start, slot.Length);
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
        slots = new Slot[TableSize(0)];
        count = 0;
    }

    /// <summary>The UTF-8 bytes of a stored key's name, as first added.</summary>
    public ReadOnlySpan<byte> NameOf(KeyEntry entry) => NameAt(entry.Start, entry.Length);

    private ReadOnlySpan<byte> NameAt(int start, int length) =>
        length == 0 ? default : blocks[start / BlockSize].AsSpan(start % BlockSize, length);

    /// <summary>Copies a name into the blocks and returns where it is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int Start, int Length) Store(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
        {
            return (0, 0); // Nothing to copy, and no block may exist yet.
        }

        if (used + name.Length > BlockSize)
        {
            blocks.Add(new byte[BlockSize]);
            used = 0;
        }

        name.CopyTo(blocks[^1].AsSpan(used));
        var start = checked(((blocks.Count - 1) * BlockSize) + used);
        used += name.Length;
        return (start, name.Length);
    }

    /// <summary>A stored key: the scope and where the name's UTF-8 bytes are.</summary>
    public readonly record struct KeyEntry(long Scope, int Start, int Length);

    /// <summary>One place of the table: a key with its id and hash, or nothing (<paramref name="Taken"/> false).</summary>
    private readonly record struct Slot(long Scope, long Id, int Start, int Length, int Hash, bool Taken);
}
