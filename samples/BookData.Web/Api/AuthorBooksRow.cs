namespace BookData.Web.Api;

/// <summary>A row of the books-per-author report: <c>{"author":"First Last","totalBooks":n}</c>.</summary>
/// <param name="Author">The author's full name.</param>
/// <param name="TotalBooks">How many books the author has.</param>
public sealed record AuthorBooksRow(string Author, long TotalBooks);
