using BookData.Books;
using BookData.Web.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BookData.Web.Pages.Books;

/// <summary>
/// The tutorial's add-new-book as a form, for signed-in editors: creates the author and publisher when
/// missing and links the publisher when the book exists. Errors show beside their field.
/// </summary>
public sealed class AddModel(BookRepository books) : PageModel
{
    [BindProperty]
    public AddBookForm Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        AddBookResult result;
        try
        {
            result = await books.AddBookAsync(Input.Author!, Input.Title!, Input.Publisher!, cancellationToken);
        }
        catch (BookDataValidationException ex)
        {
            ModelState.AddModelError($"{nameof(Input)}.{FormField(ex.Field)}", ex.Message);
            return Page();
        }

        TempData["Status"] = result.Outcome switch
        {
            AddBookOutcome.BookCreated => $"Added “{result.Book.Title}” by {Name(result)}, published by {result.Publisher.Name}.",
            AddBookOutcome.PublisherLinked => $"“{result.Book.Title}” by {Name(result)} is now also listed under {result.Publisher.Name}.",
            _ => $"“{result.Book.Title}” by {Name(result)}, published by {result.Publisher.Name}, was already in the catalog.",
        };
        return RedirectToPage("/Books/Index", new { search = result.Book.Title });
    }

    private static string Name(AddBookResult result) =>
        result.Author.FirstName.Length == 0 ? result.Author.LastName : $"{result.Author.FirstName} {result.Author.LastName}";

    private static string FormField(string libraryField) => CatalogProblems.FieldName(libraryField) switch
    {
        "author" => nameof(AddBookForm.Author),
        "title" => nameof(AddBookForm.Title),
        "publisher" => nameof(AddBookForm.Publisher),
        _ => "",
    };
}
