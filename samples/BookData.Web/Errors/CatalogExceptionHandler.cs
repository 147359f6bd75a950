using Microsoft.AspNetCore.Diagnostics;

namespace BookData.Web.Errors;

/// <summary>
/// Answers exceptions on API requests with problem details (see <see cref="CatalogProblems"/>). Page
/// requests are left to the error page, which shows a short message for the same status code. An exception answered
/// here with a server error (5xx) is logged with its full message, which the client never sees: since the middleware
/// logs nothing for an exception a handler took, this is where an operator learns why a request got 503.
/// </summary>
internal sealed partial class CatalogExceptionHandler(IProblemDetailsService problemDetails, ILogger<CatalogExceptionHandler> logger) : IExceptionHandler
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
        if (httpContext.Response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            LogRequestFailed(logger, exception, httpContext.Request.Method, originalPath ?? string.Empty, httpContext.Response.StatusCode, exception.Message);
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    [LoggerMessage(
        EventId = 3,
        EventName = "RequestFailed",
        Level = LogLevel.Error,
        Message = "{Method} {Path} answered {StatusCode}: {Reason}")]
    private static partial void LogRequestFailed(ILogger logger, Exception exception, string method, string path, int statusCode, string reason);
}
