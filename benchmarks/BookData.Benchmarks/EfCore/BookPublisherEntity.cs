namespace BookData.Benchmarks.EfCore;

/// <summary>EF Core's view of the <c>book_publisher</c> link table.</summary>
public sealed class BookPublisherEntity
{
    public long BookId { get; set; }

    public long PublisherId { get; set; }

    public BookEntity? Book { get; set; }

    public PublisherEntity? Publisher { get; set; }
}
