namespace BookData.Reports;

/// <summary>A row of the authors-per-publisher report.</summary>
/// <param name="Publisher">The publisher's name.</param>
/// <param name="TotalAuthors">How many distinct authors the publisher publishes.</param>
public sealed record PublisherAuthorCount(string Publisher, long TotalAuthors);
