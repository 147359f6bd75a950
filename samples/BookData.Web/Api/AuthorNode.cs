namespace BookData.Web.Api;

/// <summary>An author with their books: <c>{"firstName":"…","lastName":"…","books":[…]}</c>.</summary>
/// <param name="FirstName">The first name; empty for single-name authors.</param>
/// <param name="LastName">The last name.</param>
/// <param name="Books">The author's books by title, each with its publishers.</param>
public sealed record AuthorNode(string FirstName, string LastName, IReadOnlyList<BookNode> Books);
