using BookData.Web.Api;
using BookData.Web.Errors;
using BookData.Web.Security;

namespace BookData.Web.Hosting;

/// <summary>The web application's middleware and endpoints.</summary>
public static class CatalogWebApplicationExtensions
{
    /// <summary>
    /// Adds the middleware in order: security headers, redirects kept relative (<see cref="RelativeRedirects"/>), errors as problem details (API) or the error page
    /// (pages), HSTS outside development, static files from <c>wwwroot</c>, routing, the write rate limit, authentication and authorization,
    /// and each endpoint's request size limit (<see cref="EndpointRequestSizeLimits"/>).
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication UseCatalogWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSecurityHeaders();
        app.UseRelativeRedirects();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = CatalogProblems.StatusCodeFor,
        });
        app.UseWhen(context => CatalogProblems.IsApiRequest(context.Request), api => api.UseStatusCodePages());
        app.UseWhen(context => !CatalogProblems.IsApiRequest(context.Request), pages => pages.UseStatusCodePagesWithReExecute("/error"));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseEndpointRequestSizeLimits();
        return app;
    }

    /// <summary>
    /// Maps the pages, the JSON API, <c>/health</c> and the OpenAPI document (<c>/openapi/v1.json</c>); everything
    /// that answers <c>GET</c> also answers <c>HEAD</c>.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapCatalogWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRazorPages();
        app.MapCatalogApi().AnswerHead();
        app.MapHealthChecks("/health");
        app.MapOpenApi().AnswerHead();
        return app;
    }
}
