using BookData.Publishers;

namespace BookData.Reports;

/// <summary>A book with its publishers, as it appears in the catalog hierarchy.</summary>
/// <param name="BookId">The book's id.</param>
/// <param name="Title">The title.</param>
/// <param name="Publishers">The book's publishers ordered by name; empty when there are none.</param>
public sealed record BookWithPublishers(long BookId, string Title, IReadOnlyList<Publisher> Publishers);
