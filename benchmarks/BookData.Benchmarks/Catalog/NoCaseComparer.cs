namespace BookData.Benchmarks.Catalog;

/// <summary>
/// Compares strings the way SQLite's <c>NOCASE</c> collation does: equal when they differ only in
/// the case of ASCII letters A–Z. Other letters (É and é, for example) are compared exactly, as SQLite does,
/// so an in-memory lookup and the database's unique constraints always agree on identity. The raw ADO.NET and
/// EF Core competitors key their import maps with it; BookData's own import uses <c>Utf8IdLookup</c>, whose
/// agreement with SQLite is tested in <c>Utf8IdLookupTests</c>.
/// </summary>
internal sealed class NoCaseComparer : IEqualityComparer<string>
{
    public static readonly NoCaseComparer Instance = new();

    private NoCaseComparer()
    {
    }

    public static bool EqualsNoCase(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
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
            var a = x[i];
            var b = y[i];
            if (a == b)
            {
                continue;
            }

            var lower = (char)(a | 0x20);
            if (lower is < 'a' or > 'z' || lower != (b | 0x20))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A hash that is equal for strings equal under <see cref="EqualsNoCase"/>: ordinal-ignore-case hashing folds
    /// ASCII letters the same way and leaves identical characters identical.
    /// </summary>
    public static int HashNoCase(string value) => string.GetHashCode(value, StringComparison.OrdinalIgnoreCase);

    public bool Equals(string? x, string? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && EqualsNoCase(x, y));

    public int GetHashCode(string obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return HashNoCase(obj);
    }
}
