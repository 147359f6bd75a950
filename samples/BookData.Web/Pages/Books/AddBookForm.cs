using System.ComponentModel.DataAnnotations;
using BookData.Text;

namespace BookData.Web.Pages.Books;

/// <summary>The add-book form's fields.</summary>
public sealed class AddBookForm
{
    [Required(ErrorMessage = "Enter the author's name, for example Stephen King.")]
    [StringLength((2 * CatalogText.MaxNameLength) + 1, ErrorMessage = "The author's name is too long.")]
    [Display(Name = "Author")]
    public string? Author { get; set; }

    [Required(ErrorMessage = "Enter the book's title.")]
    [StringLength(CatalogText.MaxTitleLength, ErrorMessage = "The title is longer than {1} characters.")]
    [Display(Name = "Title")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Enter the publisher's name.")]
    [StringLength(CatalogText.MaxPublisherNameLength, ErrorMessage = "The publisher's name is longer than {1} characters.")]
    [Display(Name = "Publisher")]
    public string? Publisher { get; set; }
}
