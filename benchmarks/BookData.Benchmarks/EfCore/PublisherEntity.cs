namespace BookData.Benchmarks.EfCore;

/// <summary>EF Core's view of the <c>publisher</c> table.</summary>
public sealed class PublisherEntity
{
    public long PublisherId { get; set; }

    public string Name { get; set; } = "";

    public ICollection<BookEntity> Books { get; } = [];

    public ICollection<BookPublisherEntity> BookLinks { get; } = [];
}
