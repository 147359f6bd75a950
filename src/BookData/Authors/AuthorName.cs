using BookData.Books;
using BookData.Text;

namespace BookData.Authors;

/// <summary>
/// The author a caller names when adding a book (<see cref="BookRepository.AddBookAsync"/>): either an
/// exact first and last name (<see cref="Create"/>), or a full name as people write it, "First Last"
/// (<see cref="FromFullName"/>). Both are normalized and checked by <see cref="CatalogText"/> when made.
/// </summary>
/// <remarks>
/// A full name does not say where the first name ends: "John Le Carre" may be John / Le Carre or John Le /
/// Carre. Adding a book under a full name therefore first looks for an existing author whose first and last
/// name, joined by a space, equal the full name (compared as the catalog compares names); only when there is
/// none is the name split for a new author, the last word becoming the last name. An exact name is used as
/// given.
/// </remarks>
public sealed record AuthorName
{
    /// <summary>The longest full name, in characters: a first and a last name of <see cref="CatalogText.MaxNameLength"/> and the space between them.</summary>
    public const int MaxFullNameLength = (2 * CatalogText.MaxNameLength) + 1;

    private AuthorName(string firstName, string lastName, bool isFullName)
    {
        FirstName = firstName;
        LastName = lastName;
        IsFullName = isFullName;
    }

    /// <summary>
    /// The first name; may be empty. For a full name, the words before the last one: the first name a new
    /// author gets when no existing author matches.
    /// </summary>
    public string FirstName { get; }

    /// <summary>The last name; never empty. For a full name, its last word: the last name a new author gets when no existing author matches.</summary>
    public string LastName { get; }

    /// <summary>
    /// Whether this is a full name (<see cref="FromFullName"/>), matched against existing authors before it
    /// is split, rather than an exact first and last name (<see cref="Create"/>).
    /// </summary>
    public bool IsFullName { get; }

    /// <summary>"First Last", or just the last name when there is no first name.</summary>
    public string FullName => FirstName.Length == 0 ? LastName : $"{FirstName} {LastName}";

    /// <summary>An exact first and last name, normalized and checked.</summary>
    /// <param name="firstName">The first name; empty for authors known by one name.</param>
    /// <param name="lastName">The last name.</param>
    /// <returns>The name.</returns>
    /// <exception cref="BookDataValidationException">
    /// A part is null, too long or holds a refused character, or the last name is empty; the exception names
    /// the part (<c>first name</c> or <c>last name</c>).
    /// </exception>
    public static AuthorName Create(string? firstName, string? lastName) =>
        new(
            CatalogText.Optional(firstName, "first name", CatalogText.MaxNameLength),
            CatalogText.Required(lastName, "last name", CatalogText.MaxNameLength),
            isFullName: false);

    /// <summary>A full name, "First Last", normalized and checked, to be matched against existing authors before it is split.</summary>
    /// <param name="fullName">The name, for example <c>Stephen King</c>, <c>John Le Carre</c> or <c>Homer</c>.</param>
    /// <returns>The name.</returns>
    /// <exception cref="BookDataValidationException">
    /// The name is null, blank, longer than <see cref="MaxFullNameLength"/> or holds a refused character; the
    /// exception names the field <c>author name</c>.
    /// </exception>
    public static AuthorName FromFullName(string? fullName)
    {
        var normalized = CatalogText.Required(fullName, "author name", MaxFullNameLength);
        var space = normalized.LastIndexOf(' ');
        return space < 0
            ? new(string.Empty, normalized, isFullName: true)
            : new(normalized[..space], normalized[(space + 1)..], isFullName: true);
    }

    /// <summary>The name as people write it: <see cref="FullName"/>.</summary>
    /// <returns>The full name.</returns>
    public override string ToString() => FullName;

    /// <summary>
    /// Every first and last name that, joined by a space, gives <see cref="FullName"/> and fits the catalog's
    /// limits: the whole name as a last name, then each split at a space. Normalized names have single spaces
    /// and no others, and case-insensitive comparison keeps spaces where they are, so any stored author whose
    /// joined name equals this one is stored under one of these.
    /// </summary>
    internal IEnumerable<AuthorName> Readings()
    {
        var full = FullName;
        var space = -1;
        do
        {
            var first = space < 0 ? string.Empty : full[..space];
            var last = full[(space + 1)..];
            if (CatalogText.CountCharacters(first) <= CatalogText.MaxNameLength && CatalogText.CountCharacters(last) <= CatalogText.MaxNameLength)
            {
                yield return new AuthorName(first, last, isFullName: false);
            }

            space = full.IndexOf(' ', space + 1);
        }
        while (space >= 0);
    }
}
