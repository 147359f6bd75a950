namespace BookData.Publishers;

/// <summary>A publisher of books.</summary>
/// <param name="PublisherId">The publisher's id.</param>
/// <param name="Name">The publisher's name.</param>
public sealed record Publisher(long PublisherId, string Name);
