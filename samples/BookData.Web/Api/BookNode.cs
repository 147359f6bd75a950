namespace BookData.Web.Api;

/// <summary>A book in the author tree: <c>{"title":"…","publishers":["…"]}</c>.</summary>
/// <param name="Title">The title.</param>
/// <param name="Publishers">The names of the book's publishers.</param>
public sealed record BookNode(string Title, IReadOnlyList<string> Publishers);
