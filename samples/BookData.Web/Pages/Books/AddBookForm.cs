using System.ComponentModel.DataAnnotations;

namespace BookData.Web.Pages.Books;

/// <summary>
/// The add-book form's fields. The author is named by full name or, exactly, by first and last name. Lengths and
/// characters are checked by the library (<see cref="BookData.Text.CatalogText"/>), which counts characters as the
/// database does, and its messages are shown beside the fields.
/// </summary>
public sealed class AddBookForm
{
    [Display(Name = "Author")]
    public string? Author { get; set; }

    [Display(Name = "First name")]
    public string? FirstName { get; set; }

    [Display(Name = "Last name")]
    public string? LastName { get; set; }

    [Required(ErrorMessage = "Enter the book's title.")]
    [Display(Name = "Title")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Enter the publisher's name.")]
    [Display(Name = "Publisher")]
    public string? Publisher { get; set; }

    /// <summary>Whether the author is named exactly, by first or last name, rather than by full name.</summary>
    public bool NamesAuthorExactly => !string.IsNullOrWhiteSpace(FirstName) || !string.IsNullOrWhiteSpace(LastName);
}
