using BookData.Text;

namespace BookData.Import;

/// <summary>An author's identity in the import's lookup: normalized last and first name, compared as SQLite <c>NOCASE</c> does.</summary>
internal readonly struct AuthorKey(string lastName, string firstName) : IEquatable<AuthorKey>
{
    public string LastName { get; } = lastName;

    public string FirstName { get; } = firstName;

    public bool Equals(AuthorKey other) =>
        NoCaseComparer.EqualsNoCase(LastName, other.LastName) && NoCaseComparer.EqualsNoCase(FirstName, other.FirstName);

    public override bool Equals(object? obj) => obj is AuthorKey other && Equals(other);

    public override int GetHashCode() =>
        HashCode.Combine(NoCaseComparer.HashNoCase(LastName), NoCaseComparer.HashNoCase(FirstName));
}
