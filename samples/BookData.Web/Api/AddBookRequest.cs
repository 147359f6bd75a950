using System.ComponentModel.DataAnnotations;
using BookData.Authors;

namespace BookData.Web.Api;

/// <summary>
/// The body of <c>POST /api/books</c>: <c>{"author":"First Last","title":"…","publisher":"…"}</c>, or with the
/// author named exactly, <c>{"firstName":"…","lastName":"…","title":"…","publisher":"…"}</c>. Validated before the
/// endpoint runs (<see cref="Validate"/>); lengths and characters are then checked by the library, whose errors
/// name the same fields. The add-book form (<see cref="Pages.Books.AddBookForm"/>) is checked by the same rules.
/// </summary>
/// <param name="Author">
/// The author's full name. An existing author whose first and last name together read so is used ("John Le
/// Carre" finds John / Le Carre); otherwise a new author is made, the last word being the last name. Give
/// either this or <paramref name="FirstName"/> and <paramref name="LastName"/>.
/// </param>
/// <param name="Title">The book's title.</param>
/// <param name="Publisher">The publisher's name.</param>
/// <param name="FirstName">The author's exact first name; omit it or leave it empty for an author known by one name.</param>
/// <param name="LastName">The author's exact last name.</param>
public sealed record AddBookRequest(string? Author, string? Title, string? Publisher, string? FirstName = null, string? LastName = null)
    : IValidatableObject
{
    /// <summary>Whether the author is named exactly (<c>firstName</c> or <c>lastName</c> given) rather than by full name.</summary>
    internal bool NamesAuthorExactly => FirstName is not null || LastName is not null;

    /// <summary>
    /// The request's rules, all reported at once, each keyed on its JSON field: the author is named one way
    /// (<c>author</c>, or <c>firstName</c> and <c>lastName</c>), and the name, <c>title</c> and <c>publisher</c>
    /// are not missing, empty or white space.
    /// </summary>
    /// <param name="validationContext">The validation context (not used).</param>
    /// <returns>One result per field in error.</returns>
    /// <remarks>
    /// The rules are here rather than in <see cref="RequiredAttribute"/>s because a type's own rules are skipped
    /// while any property attribute fails, and a client should see every missing field in one answer.
    /// </remarks>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (NamesAuthorExactly && Author is not null)
        {
            yield return new ValidationResult("Name the author either by full name or by first and last name, not both.", ["author"]);
        }
        else if (NamesAuthorExactly && IsBlank(LastName))
        {
            yield return Missing("lastName", "last name");
        }
        else if (!NamesAuthorExactly && IsBlank(Author))
        {
            yield return Missing("author", "author");
        }

        if (IsBlank(Title))
        {
            yield return Missing("title", "title");
        }

        if (IsBlank(Publisher))
        {
            yield return Missing("publisher", "publisher");
        }
    }

    /// <summary>The author as the request names it: exactly by first and last name, or by full name.</summary>
    /// <returns>The author's name.</returns>
    /// <exception cref="BookDataValidationException">The name is empty, too long or holds characters the catalog refuses.</exception>
    internal AuthorName ToAuthorName() =>
        NamesAuthorExactly ? AuthorName.Create(FirstName ?? "", LastName) : AuthorName.FromFullName(Author);

    private static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);

    private static ValidationResult Missing(string field, string label) =>
        new($"The {label} is required and cannot be empty or white space.", [field]);
}
