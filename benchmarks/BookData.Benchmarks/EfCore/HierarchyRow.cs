namespace BookData.Benchmarks.EfCore;

/// <summary>One row of BookData's flat hierarchy statement, as EF Core's raw SQL query returns it.</summary>
public sealed record HierarchyRow(
    long AuthorId,
    string FirstName,
    string LastName,
    long? BookId,
    string? Title,
    long? PublisherId,
    string? PublisherName);
