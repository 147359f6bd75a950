namespace BookData.Books;

/// <summary>What <see cref="BookRepository.AddBookAsync"/> did.</summary>
public enum AddBookOutcome
{
    /// <summary>The book did not exist and was created, linked to the publisher.</summary>
    BookCreated = 0,

    /// <summary>The book existed; the publisher was linked to it.</summary>
    PublisherLinked = 1,

    /// <summary>The book existed and was already linked to the publisher; nothing changed.</summary>
    AlreadyPresent = 2,
}
