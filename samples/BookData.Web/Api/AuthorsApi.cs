using BookData.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BookData.Web.Api;

/// <summary>The author → book → publisher tree, in the same JSON shape as <c>bookdata authors --json</c>.</summary>
public static class AuthorsApi
{
    /// <summary>Maps <c>GET /authors</c>.</summary>
    /// <param name="api">The <c>/api</c> group.</param>
    /// <returns>The endpoint.</returns>
    public static RouteHandlerBuilder MapAuthorsApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/authors", GetAuthorsAsync)
            .WithTags("Authors")
            .WithName("GetAuthors")
            .WithSummary("Every author by last then first name, with their books and each book's publishers, read in one query.");

    internal static async Task<Ok<AuthorNode[]>> GetAuthorsAsync(CatalogReports reports, CancellationToken cancellationToken)
    {
        var authors = await reports.GetHierarchyAsync(cancellationToken);
        return TypedResults.Ok(authors
            .Select(author => new AuthorNode(
                author.FirstName,
                author.LastName,
                author.Books.Select(book => new BookNode(book.Title, book.Publishers.Select(publisher => publisher.Name).ToArray())).ToArray()))
            .ToArray());
    }
}
