using System.Globalization;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using BookData.Web.Errors;
using BookData.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BookData.Web.Security;

/// <summary>
/// Limits writes (every request that is not GET, HEAD, OPTIONS or TRACE) per client IP address with
/// ASP.NET Core's rate limiter, as set by <see cref="WriteRateLimitOptions"/>. A refused write gets
/// <c>429</c> and a <c>Retry-After</c> header, with a problem details body for the API and a short HTML page
/// for the forms (sign-in, add-book). Reads are never limited.
/// </summary>
internal static class WriteRateLimiting
{
    /// <summary>Registers the rate limiter configured from <see cref="CatalogWebOptions.WriteRateLimit"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddWriteRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<CatalogWebOptions>>((limiter, web) =>
        {
            var settings = web.Value.WriteRateLimit;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                settings.PermitLimit == 0 || !IsWrite(context.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("read")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        "write:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = settings.PermitLimit,
                            Window = settings.Window,
                            QueueLimit = settings.QueueLimit,
                            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                            AutoReplenishment = true,
                        }));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static bool IsWrite(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        int? seconds = null;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.Value.ToString(CultureInfo.InvariantCulture);
        }

        if (!CatalogProblems.IsApiRequest(context.Request))
        {
            // A form post: a person reads the answer, so it is a page. Its content type keeps the status code
            // pages from replacing it (they would re-run the post through the same limit).
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(RejectionPage(context.Request, seconds), cancellationToken);
            return;
        }

        var problemDetails = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many writes",
                Detail = "This client has made too many writes; wait for the time in the Retry-After header and try again.",
            },
        });
    }

    private static string RejectionPage(HttpRequest request, int? seconds)
    {
        var home = HtmlEncoder.Default.Encode(request.PathBase.Add("/").ToString());
        var wait = seconds is { } value
            ? string.Create(CultureInfo.InvariantCulture, $"try again in {value} {(value == 1 ? "second" : "seconds")}")
            : "wait a minute and try again";
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Too many changes · BookData</title>
                <link rel="stylesheet" href="{home}css/site.css">
            </head>
            <body>
                <main class="content">
                    <h1>Too many changes</h1>
                    <p>This address has sent too many changes in a short time; {wait}. Nothing was changed.</p>
                    <p><a href="{home}">Back to the overview</a></p>
                </main>
            </body>
            </html>

            """;
    }
}
