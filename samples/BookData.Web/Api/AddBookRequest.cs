namespace BookData.Web.Api;

/// <summary>The body of <c>POST /api/books</c>: <c>{"author":"First Last","title":"…","publisher":"…"}</c>.</summary>
/// <param name="Author">The author's full name; the last word is the last name.</param>
/// <param name="Title">The book's title.</param>
/// <param name="Publisher">The publisher's name.</param>
public sealed record AddBookRequest(string? Author, string? Title, string? Publisher);
