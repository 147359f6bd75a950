namespace BookData.Web.Pages;

/// <summary>A publisher with its book and distinct-author counts.</summary>
/// <param name="Name">The publisher's name.</param>
/// <param name="Books">How many books it publishes.</param>
/// <param name="Authors">How many distinct authors it publishes.</param>
public sealed record PublisherRow(string Name, long Books, long Authors);
