namespace BookData.Web.Api;

/// <summary>A book with its author and publishers.</summary>
/// <param name="Id">The book's id.</param>
/// <param name="Title">The title.</param>
/// <param name="Author">The author's full name.</param>
/// <param name="Publishers">The names of the book's publishers, by name.</param>
public sealed record BookDetails(long Id, string Title, string Author, IReadOnlyList<string> Publishers);
