using BookData.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BookData.Web.Api;

/// <summary>
/// The author → book → publisher tree a page of authors at a time, each author in the same JSON shape as
/// <c>bookdata authors --json</c>, in the envelope of every paged answer (<see cref="ItemPage{T}"/>).
/// </summary>
public static class AuthorsApi
{
    /// <summary>Maps <c>GET /authors?page=&amp;pageSize=</c>.</summary>
    /// <param name="api">The <c>/api</c> group.</param>
    /// <returns>The endpoint.</returns>
    public static RouteHandlerBuilder MapAuthorsApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/authors", GetAuthorsAsync)
            .WithTags("Authors")
            .WithName("GetAuthors")
            .WithSummary("A page of authors by last then first name, each with their books and each book's publishers, read in one query.")
            .ProducesValidationProblem();

    internal static async Task<Results<Ok<ItemPage<AuthorNode>>, ValidationProblem>> GetAuthorsAsync(
        string? page, string? pageSize, CatalogReports reports, CancellationToken cancellationToken)
    {
        if (!Paging.TryRead(page, pageSize, out var request, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var authors = await reports.GetHierarchyPageAsync(request.Page, request.PageSize, cancellationToken);
        return TypedResults.Ok(authors.ToItemPage(author => new AuthorNode(
            author.FirstName,
            author.LastName,
            author.Books.Select(book => new BookNode(book.Title, book.Publishers.Select(publisher => publisher.Name).ToArray())).ToArray())));
    }
}
