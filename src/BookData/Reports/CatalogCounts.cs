namespace BookData.Reports;

/// <summary>How much the catalog holds.</summary>
/// <param name="Authors">Number of authors.</param>
/// <param name="Books">Number of books.</param>
/// <param name="Publishers">Number of publishers.</param>
/// <param name="BookPublisherLinks">Number of book–publisher links.</param>
/// <param name="AuthorPublisherPairs">Number of distinct author–publisher pairs.</param>
public sealed record CatalogCounts(long Authors, long Books, long Publishers, long BookPublisherLinks, long AuthorPublisherPairs);
