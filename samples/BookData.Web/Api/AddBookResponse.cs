using BookData.Books;

namespace BookData.Web.Api;

/// <summary>What <c>POST /api/books</c> did.</summary>
/// <param name="Outcome"><c>bookCreated</c>, <c>publisherLinked</c> or <c>alreadyPresent</c>.</param>
/// <param name="Book">The book as stored now, with all its publishers.</param>
/// <param name="AuthorCreated">Whether the author was new.</param>
/// <param name="PublisherCreated">Whether the publisher was new.</param>
public sealed record AddBookResponse(AddBookOutcome Outcome, BookDetails Book, bool AuthorCreated, bool PublisherCreated);
