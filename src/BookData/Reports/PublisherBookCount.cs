namespace BookData.Reports;

/// <summary>A row of the books-per-publisher report.</summary>
/// <param name="Publisher">The publisher's name.</param>
/// <param name="TotalBooks">How many books the publisher publishes.</param>
public sealed record PublisherBookCount(string Publisher, long TotalBooks);
