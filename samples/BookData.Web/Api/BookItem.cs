namespace BookData.Web.Api;

/// <summary>A book in a page of search results.</summary>
/// <param name="Id">The book's id.</param>
/// <param name="Title">The title.</param>
/// <param name="Author">The author's full name.</param>
public sealed record BookItem(long Id, string Title, string Author);
