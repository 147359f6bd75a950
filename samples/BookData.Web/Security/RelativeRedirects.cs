namespace BookData.Web.Security;

/// <summary>
/// Keeps the request's <c>Host</c> header out of redirects: just before a response starts, a <c>Location</c>
/// that points at this very request's scheme and host (as the cookie handler's sign-in challenge builds it) is
/// cut to its path, query and fragment. A browser resolves that against the address it used, so a forged
/// <c>Host</c> can never send it elsewhere. Locations on another scheme or host, and relative ones, are left alone.
/// </summary>
internal static class RelativeRedirects
{
    /// <summary>Rewrites same-origin <c>Location</c> headers of every response.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static IApplicationBuilder UseRelativeRedirects(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(
                static state =>
                {
                    var context = (HttpContext)state;
                    var location = context.Response.Headers.Location.ToString();
                    if (location.Length > 0 && ToRelative(context.Request, location) is { } relative)
                    {
                        context.Response.Headers.Location = relative;
                    }

                    return Task.CompletedTask;
                },
                context);
            return next(context);
        });

    /// <summary>The path, query and fragment of <paramref name="location"/> when it names the request's own scheme and host.</summary>
    /// <param name="request">The request being answered.</param>
    /// <param name="location">The <c>Location</c> header's value.</param>
    /// <returns>The relative form, or <see langword="null"/> when the location is relative already or points elsewhere.</returns>
    internal static string? ToRelative(HttpRequest request, string location)
    {
        // Compared as text, not parsed: a Host the URI parser refuses (an out-of-range port, an empty Host) must
        // still be cut away. A different scheme is a real redirect (http to https): making it relative would loop.
        var origin = $"{request.Scheme}://{request.Host.Value}";
        if (!location.StartsWith(origin, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = location[origin.Length..];
        if (rest.Length == 0)
        {
            return "/";
        }

        // "//x" or "/\x" would be read by a browser as another host: keep a single leading slash.
        return rest[0] switch
        {
            '/' or '\\' => "/" + rest.TrimStart('/', '\\'),
            '?' or '#' => "/" + rest,
            _ => null,
        };
    }
}
