namespace BookData.Web.Api;

/// <summary>
/// The body of <c>POST /api/books</c>: <c>{"author":"First Last","title":"…","publisher":"…"}</c>, or with the
/// author named exactly, <c>{"firstName":"…","lastName":"…","title":"…","publisher":"…"}</c>.
/// </summary>
/// <param name="Author">
/// The author's full name. An existing author whose first and last name together read so is used ("John Le
/// Carre" finds John / Le Carre); otherwise a new author is made, the last word being the last name. Give
/// either this or <paramref name="FirstName"/> and <paramref name="LastName"/>.
/// </param>
/// <param name="Title">The book's title.</param>
/// <param name="Publisher">The publisher's name.</param>
/// <param name="FirstName">The author's exact first name; omit it or leave it empty for an author known by one name.</param>
/// <param name="LastName">The author's exact last name.</param>
public sealed record AddBookRequest(string? Author, string? Title, string? Publisher, string? FirstName = null, string? LastName = null);
