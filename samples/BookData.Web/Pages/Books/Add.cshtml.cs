using System.ComponentModel.DataAnnotations;
using BookData.Books;
using BookData.Web.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BookData.Web.Pages.Books;

/// <summary>
/// The tutorial's add-new-book as a form, for signed-in editors: creates the author and publisher when
/// missing and links the publisher when the book exists. The form is checked by the API's rules
/// (<see cref="Api.AddBookRequest.Validate"/>); errors show beside their field.
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
        var request = Input.ToRequest();
        foreach (var error in request.Validate(new ValidationContext(request)))
        {
            foreach (var field in error.MemberNames)
            {
                ModelState.AddModelError($"{nameof(Input)}.{AddBookForm.FieldOf(field)}", error.ErrorMessage ?? "");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        AddBookResult result;
        try
        {
            result = await books.AddBookAsync(request.ToAuthorName(), request.Title!, request.Publisher!, cancellationToken);
        }
        catch (BookDataValidationException ex)
        {
            ModelState.AddModelError($"{nameof(Input)}.{FormField(ex.Field, request.NamesAuthorExactly)}", ex.Message);
            return Page();
        }
        catch (BookDataAmbiguousAuthorException ex)
        {
            var listed = string.Join("; ", ex.Candidates.Select(candidate => $"first name “{candidate.FirstName}”, last name “{candidate.LastName}”"));
            ModelState.AddModelError(
                $"{nameof(Input)}.{nameof(AddBookForm.Author)}",
                $"“{ex.FullName}” fits {ex.Candidates.Count} authors: {listed}. Enter the first and last name below instead.");
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

    private static string FormField(string libraryField, bool exactName) => libraryField switch
    {
        "first name" when exactName => nameof(AddBookForm.FirstName),
        "last name" when exactName => nameof(AddBookForm.LastName),
        _ => CatalogProblems.FieldName(libraryField) switch
        {
            "author" => nameof(AddBookForm.Author),
            "title" => nameof(AddBookForm.Title),
            "publisher" => nameof(AddBookForm.Publisher),
            _ => "",
        },
    };
}
