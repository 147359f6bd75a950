using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BookData.Web.Pages;

/// <summary>The page shown for errors on page requests: a short message for the status code, never details.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public string Message { get; private set; } = "";

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        Status = Response.StatusCode is >= 400 and < 600 ? Response.StatusCode : StatusCodes.Status500InternalServerError;
        Message = Status switch
        {
            StatusCodes.Status400BadRequest => "The request could not be understood. If you submitted a form, reload it and try again.",
            StatusCodes.Status404NotFound => "There is no such page.",
            StatusCodes.Status409Conflict => "That change conflicts with the catalog as it is now.",
            StatusCodes.Status413PayloadTooLarge => "The request was too large.",
            StatusCodes.Status429TooManyRequests => "Too many changes in a short time; wait a minute and try again.",
            StatusCodes.Status503ServiceUnavailable => "The catalog database is unavailable right now; try again shortly.",
            _ => "Something went wrong on our side.",
        };
    }
}
