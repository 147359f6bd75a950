namespace BookData.Benchmarks.EfCore;

/// <summary>EF Core's view of the <c>author</c> table.</summary>
public sealed class AuthorEntity
{
    public long AuthorId { get; set; }

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public ICollection<BookEntity> Books { get; } = [];
}
