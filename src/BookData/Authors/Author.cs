namespace BookData.Authors;

/// <summary>A person who wrote books in the catalog.</summary>
/// <param name="AuthorId">The author's id.</param>
/// <param name="FirstName">The first name; empty for authors known by one name.</param>
/// <param name="LastName">The last name.</param>
public sealed record Author(long AuthorId, string FirstName, string LastName)
{
    /// <summary>"First Last", or just the last name when there is no first name.</summary>
    public string FullName => FirstName.Length == 0 ? LastName : $"{FirstName} {LastName}";
}
