using BookData.Text;

namespace BookData.Authors;

/// <summary>An author's normalized first and last name, also the parameters of the author statements.</summary>
/// <param name="FirstName">The first name; may be empty.</param>
/// <param name="LastName">The last name; never empty.</param>
internal sealed record AuthorName(string FirstName, string LastName)
{
    public string FullName => FirstName.Length == 0 ? LastName : $"{FirstName} {LastName}";

    /// <summary>Normalizes and validates both parts.</summary>
    /// <exception cref="BookDataValidationException">A part is null or too long, or the last name is empty.</exception>
    public static AuthorName Create(string? firstName, string? lastName) =>
        new(
            CatalogText.Optional(firstName, "first name", CatalogText.MaxNameLength),
            CatalogText.Required(lastName, "last name", CatalogText.MaxNameLength));
}
