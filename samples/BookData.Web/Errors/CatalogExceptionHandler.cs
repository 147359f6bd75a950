using Microsoft.AspNetCore.Diagnostics;

namespace BookData.Web.Errors;

/// <summary>
/// Answers exceptions on API requests with problem details (see <see cref="CatalogProblems"/>). Page
/// requests are left to the error page, which shows a short message for the same status code.
/// </summary>
internal sealed class CatalogExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed Request.Path at the error page; the feature keeps the original.
        var failed = httpContext.Features.Get<IExceptionHandlerPathFeature>();
        var originalPath = failed?.Path ?? httpContext.Request.Path.Value;
        if (!CatalogProblems.IsApiPath(originalPath))
        {
            return false;
        }

        var problem = CatalogProblems.For(exception, httpContext, failed?.Endpoint);
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }
}
