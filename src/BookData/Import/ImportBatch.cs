using System.Buffers;

namespace BookData.Import;

/// <summary>
/// Rows handed from the reading thread to the writing one, in file order, in an array borrowed from
/// <see cref="ArrayPool{T}.Shared"/>: the few arrays in flight are reused for the whole import instead of
/// one new array per batch. The consumer gives the array back with <see cref="Return()"/> once it is done
/// with the rows; an array not given back (an import that failed) is simply collected.
/// </summary>
internal readonly struct ImportBatch
{
    private readonly ImportRow[] rows;

    /// <param name="rows">The array, borrowed from <see cref="ArrayPool{T}.Shared"/>; this batch owns it now.</param>
    /// <param name="count">How many of its rows, from the start, belong to the batch; at least one.</param>
    public ImportBatch(ImportRow[] rows, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, rows.Length);
        this.rows = rows;
        Count = count;
    }

    public int Count { get; }

    /// <summary>The rows, valid until <see cref="Return()"/>.</summary>
    public ReadOnlySpan<ImportRow> Rows => rows.AsSpan(0, Count);

    /// <summary>Row <paramref name="index"/> (below <see cref="Count"/>), for a consumer that awaits between rows and so cannot hold <see cref="Rows"/>.</summary>
    public ImportRow this[int index] => Rows[index];

    /// <summary>Where the batch's last row starts in the input, in bytes.</summary>
    public long LastByteOffset => rows[Count - 1].ByteOffset;

    /// <summary>Rents an array for at least <paramref name="length"/> rows.</summary>
    public static ImportRow[] Rent(int length) => ArrayPool<ImportRow>.Shared.Rent(length);

    /// <summary>Gives an array back to the pool, dropping its references to the rows' strings.</summary>
    public static void Return(ImportRow[] rows) => ArrayPool<ImportRow>.Shared.Return(rows, clearArray: true);

    /// <summary>Gives the batch's array back to the pool; the batch must not be used afterwards.</summary>
    public void Return() => Return(rows);
}
