using BookData.Authors;
using BookData.Publishers;

namespace BookData.Books;

/// <summary>The result of adding a book by author name, title and publisher name.</summary>
/// <param name="Outcome">Whether the book was created, linked to the publisher, or already present.</param>
/// <param name="Author">The author, as stored.</param>
/// <param name="Book">The book, as stored.</param>
/// <param name="Publisher">The publisher, as stored.</param>
/// <param name="AuthorCreated"><see langword="true"/> when the author did not exist before.</param>
/// <param name="PublisherCreated"><see langword="true"/> when the publisher did not exist before.</param>
public sealed record AddBookResult(
    AddBookOutcome Outcome,
    Author Author,
    Book Book,
    Publisher Publisher,
    bool AuthorCreated,
    bool PublisherCreated)
{
    /// <summary><see langword="true"/> when anything was written.</summary>
    public bool Changed => Outcome != AddBookOutcome.AlreadyPresent;
}
