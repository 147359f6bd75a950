using BookData.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BookData.Web.Pages;

/// <summary>Signs the editor out (POST only, with the antiforgery token) and returns to the overview.</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(EditorAuthentication.CookieScheme);
        return RedirectToPage("/Index");
    }
}
