namespace BookData.Web.Api;

/// <summary>A row of the authors-per-publisher report: <c>{"publisher":"…","totalAuthors":n}</c>.</summary>
/// <param name="Publisher">The publisher's name.</param>
/// <param name="TotalAuthors">How many distinct authors it publishes.</param>
public sealed record PublisherAuthorsRow(string Publisher, long TotalAuthors);
