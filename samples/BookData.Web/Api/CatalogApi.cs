namespace BookData.Web.Api;

/// <summary>The JSON API under <c>/api</c>: reads are open, writes need the editor key.</summary>
public static class CatalogApi
{
    /// <summary>Maps the reports, the author tree and the books endpoints under <c>/api</c>.</summary>
    /// <param name="app">The application's endpoints.</param>
    /// <returns>The <c>/api</c> group.</returns>
    public static RouteGroupBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapReportsApi();
        api.MapAuthorsApi();
        api.MapBooksApi();
        return api;
    }
}
