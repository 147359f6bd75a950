namespace BookData.Books;

/// <summary>One work of one author.</summary>
/// <param name="BookId">The book's id.</param>
/// <param name="AuthorId">The author's id.</param>
/// <param name="Title">The title.</param>
public sealed record Book(long BookId, long AuthorId, string Title);
