namespace BookData.Web.Api;

/// <summary>A row of the books-per-publisher report: <c>{"publisher":"…","totalBooks":n}</c>.</summary>
/// <param name="Publisher">The publisher's name.</param>
/// <param name="TotalBooks">How many books it publishes.</param>
public sealed record PublisherBooksRow(string Publisher, long TotalBooks);
