namespace BookData.Books;

/// <summary>A book with its author's name, as listed by a title search.</summary>
/// <param name="BookId">The book's id.</param>
/// <param name="Title">The title.</param>
/// <param name="AuthorId">The author's id.</param>
/// <param name="AuthorFirstName">The author's first name; may be empty.</param>
/// <param name="AuthorLastName">The author's last name.</param>
public sealed record BookSummary(long BookId, string Title, long AuthorId, string AuthorFirstName, string AuthorLastName)
{
    /// <summary>The author's "First Last" name.</summary>
    public string AuthorName => AuthorFirstName.Length == 0 ? AuthorLastName : $"{AuthorFirstName} {AuthorLastName}";
}
