using System.Globalization;
using BookData.Authors;

namespace BookData;

/// <summary>
/// A full author name matches more than one existing author, so a book cannot be added under it: "A B C"
/// is both A / B C and A B / C. Nothing was written. Name the author by first and last name
/// (<see cref="AuthorName.Create"/>) to choose one of them, or to add another.
/// </summary>
public sealed class BookDataAmbiguousAuthorException : BookDataConflictException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="fullName">The full name as normalized.</param>
    /// <param name="candidates">The authors it matches, at least two.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fullName"/> or <paramref name="candidates"/> is <see langword="null"/>.</exception>
    public BookDataAmbiguousAuthorException(string fullName, IReadOnlyList<Author> candidates)
        : base(FormatMessage(fullName, candidates))
    {
        FullName = fullName;
        Candidates = candidates;
    }

    /// <summary>The full name that was given, normalized.</summary>
    public string FullName { get; }

    /// <summary>The authors the name matches, in the order of where the name splits between first and last name: the longest last name first.</summary>
    public IReadOnlyList<Author> Candidates { get; }

    private static string FormatMessage(string fullName, IReadOnlyList<Author> candidates)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        ArgumentNullException.ThrowIfNull(candidates);
        var listed = string.Join(
            "; ",
            candidates.Select(author => string.Create(
                CultureInfo.InvariantCulture,
                $"first name '{author.FirstName}', last name '{author.LastName}' (author {author.AuthorId})")));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"The author name '{fullName}' matches {candidates.Count} authors: {listed}. Give the first and last name separately to choose one.");
    }
}
