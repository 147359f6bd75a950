namespace BookData.Benchmarks.EfCore;

/// <summary>EF Core's view of the <c>book</c> table.</summary>
public sealed class BookEntity
{
    public long BookId { get; set; }

    public long AuthorId { get; set; }

    public string Title { get; set; } = "";

    public AuthorEntity? Author { get; set; }

    public ICollection<PublisherEntity> Publishers { get; } = [];
}
