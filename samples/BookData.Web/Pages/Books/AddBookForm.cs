using System.ComponentModel.DataAnnotations;
using BookData.Web.Api;

namespace BookData.Web.Pages.Books;

/// <summary>
/// The add-book form's fields. The author is named by full name or, exactly, by first and last name. The form is
/// checked by the rules of <c>POST /api/books</c> (<see cref="AddBookRequest.Validate"/>), so both say the same
/// thing about the same input; lengths and characters are then checked by the library
/// (<see cref="BookData.Text.CatalogText"/>), which counts characters as the database does, and its messages are
/// shown beside the fields.
/// </summary>
public sealed class AddBookForm
{
    [Display(Name = "Author")]
    public string? Author { get; set; }

    [Display(Name = "First name")]
    public string? FirstName { get; set; }

    [Display(Name = "Last name")]
    public string? LastName { get; set; }

    [Display(Name = "Title")]
    public string? Title { get; set; }

    [Display(Name = "Publisher")]
    public string? Publisher { get; set; }

    /// <summary>The form as the API's request: an empty field is a missing one, as the model binder reads it.</summary>
    public AddBookRequest ToRequest() => new(Author, Title, Publisher, FirstName, LastName);

    /// <summary>The form field of a request field (<c>lastName</c> is <see cref="LastName"/>).</summary>
    /// <param name="requestField">A field of <see cref="AddBookRequest"/> as JSON names it.</param>
    /// <returns>The property's name, or the empty string (the whole form) for a field the form does not have.</returns>
    public static string FieldOf(string requestField) => requestField switch
    {
        "author" => nameof(Author),
        "firstName" => nameof(FirstName),
        "lastName" => nameof(LastName),
        "title" => nameof(Title),
        "publisher" => nameof(Publisher),
        _ => "",
    };
}
