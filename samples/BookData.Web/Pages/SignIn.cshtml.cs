using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using BookData.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BookData.Web.Pages;

/// <summary>
/// Signs an editor in with the editor key (the same as the API's <c>X-Api-Key</c>) and sets the
/// editor cookie. A wrong key is answered with <c>401</c> and the form again.
/// </summary>
public sealed class SignInModel(EditorKey editorKey) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the editor key.")]
    [Display(Name = "Editor key")]
    public string? Key { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid && !editorKey.Matches(Key))
        {
            ModelState.AddModelError(nameof(Key), "That is not the editor key.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Key = null;
            return Page();
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "editor"), new Claim(ClaimTypes.Role, EditorAuthentication.EditorRole)],
            EditorAuthentication.CookieScheme);
        await HttpContext.SignInAsync(EditorAuthentication.CookieScheme, new ClaimsPrincipal(identity));
        // A header carries ASCII only: a local address with other characters (/books?search=café) is sent escaped.
        return Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(EscapeForHeader(ReturnUrl)) : RedirectToPage("/Books/Add");
    }

    /// <summary>Percent-encodes (as UTF-8) every character of <paramref name="url"/> that is not printable ASCII.</summary>
    private static string EscapeForHeader(string url)
    {
        var escaped = new System.Text.StringBuilder(url.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value is > 0x20 and < 0x7F)
            {
                escaped.Append((char)rune.Value);
                continue;
            }

            var count = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..count])
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }
}
