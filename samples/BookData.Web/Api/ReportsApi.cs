using BookData.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BookData.Web.Api;

/// <summary>The reports, in the same JSON shapes as <c>bookdata report … --json</c>.</summary>
public static class ReportsApi
{
    /// <summary>Maps <c>GET /reports/books-per-publisher</c>, <c>/authors-per-publisher</c> and <c>/books-per-author</c>.</summary>
    /// <param name="api">The <c>/api</c> group.</param>
    /// <returns>The reports group.</returns>
    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("/books-per-publisher", BooksPerPublisherAsync)
            .WithName("BooksPerPublisher")
            .WithSummary("Books per publisher, most first unless order=asc; ties by name.");
        reports.MapGet("/authors-per-publisher", AuthorsPerPublisherAsync)
            .WithName("AuthorsPerPublisher")
            .WithSummary("Distinct authors per publisher, most first unless order=asc; ties by name.");
        reports.MapGet("/books-per-author", BooksPerAuthorAsync)
            .WithName("BooksPerAuthor")
            .WithSummary("Books per author, most first unless order=asc; ties by last then first name.");
        return reports;
    }

    internal static async Task<Results<Ok<PublisherBooksRow[]>, ValidationProblem>> BooksPerPublisherAsync(
        string? order, CatalogReports reports, CancellationToken cancellationToken)
    {
        if (!TryParseOrder(order, out var sortOrder, out var problem))
        {
            return problem;
        }

        var rows = await reports.BooksPerPublisherAsync(sortOrder, cancellationToken);
        return TypedResults.Ok(rows.Select(row => new PublisherBooksRow(row.Publisher, row.TotalBooks)).ToArray());
    }

    internal static async Task<Results<Ok<PublisherAuthorsRow[]>, ValidationProblem>> AuthorsPerPublisherAsync(
        string? order, CatalogReports reports, CancellationToken cancellationToken)
    {
        if (!TryParseOrder(order, out var sortOrder, out var problem))
        {
            return problem;
        }

        var rows = await reports.AuthorsPerPublisherAsync(sortOrder, cancellationToken);
        return TypedResults.Ok(rows.Select(row => new PublisherAuthorsRow(row.Publisher, row.TotalAuthors)).ToArray());
    }

    internal static async Task<Results<Ok<AuthorBooksRow[]>, ValidationProblem>> BooksPerAuthorAsync(
        string? order, CatalogReports reports, CancellationToken cancellationToken)
    {
        if (!TryParseOrder(order, out var sortOrder, out var problem))
        {
            return problem;
        }

        var rows = await reports.BooksPerAuthorAsync(sortOrder, cancellationToken);
        return TypedResults.Ok(rows.Select(row => new AuthorBooksRow(row.AuthorName, row.TotalBooks)).ToArray());
    }

    internal static bool TryParseOrder(string? order, out SortOrder sortOrder, out ValidationProblem problem)
    {
        problem = null!;
        if (Sorting.TryReadOrder(order, out var ascending, out var error))
        {
            sortOrder = ascending == true ? SortOrder.Ascending : SortOrder.Descending;
            return true;
        }

        sortOrder = default;
        problem = TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["order"] = [error] });
        return false;
    }
}
