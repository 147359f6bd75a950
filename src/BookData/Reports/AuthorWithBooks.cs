namespace BookData.Reports;

/// <summary>An author with their books, each with its publishers: one branch of the catalog hierarchy.</summary>
/// <param name="AuthorId">The author's id.</param>
/// <param name="FirstName">The first name; may be empty.</param>
/// <param name="LastName">The last name.</param>
/// <param name="Books">The author's books ordered by title; empty when there are none.</param>
public sealed record AuthorWithBooks(long AuthorId, string FirstName, string LastName, IReadOnlyList<BookWithPublishers> Books)
{
    /// <summary>"First Last", or just the last name when there is no first name.</summary>
    public string FullName => FirstName.Length == 0 ? LastName : $"{FirstName} {LastName}";
}
