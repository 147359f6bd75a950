using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace BookData.Web.Security;

/// <summary>
/// Authenticates API requests by the <c>X-Api-Key</c> header. A missing or wrong key is answered with
/// <c>401</c> and a problem details body saying which of the two it was.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    EditorKey editorKey,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(EditorAuthentication.ApiKeyHeader, out var values) || values.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (values.Count != 1 || !editorKey.Matches(values[0]))
        {
            return Task.FromResult(AuthenticateResult.Fail("The X-Api-Key header does not hold the editor key."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "api"), new Claim(ClaimTypes.Role, EditorAuthentication.EditorRole)],
            Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var keySent = Request.Headers.ContainsKey(EditorAuthentication.ApiKeyHeader);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{EditorAuthentication.ApiKeyScheme} header=\"{EditorAuthentication.ApiKeyHeader}\"";
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = keySent
                    ? "The X-Api-Key header does not hold the editor key."
                    : "Writing to the catalog needs the editor key in the X-Api-Key header.",
            },
        });
    }
}
