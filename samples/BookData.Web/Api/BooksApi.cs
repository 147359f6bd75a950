using BookData.Authors;
using BookData.Books;
using BookData.Web.Errors;
using BookData.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookData.Web.Api;

/// <summary>Searching books, reading one, and adding one (the tutorial's add-new-book).</summary>
public static class BooksApi
{
    /// <summary>The largest request body <c>POST /api/books</c> accepts: 16 KiB, far above the longest valid book.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>An author named exactly has the name parts as their own request fields.</summary>
    private static readonly Dictionary<string, string> ExactNameFields = new()
    {
        ["first name"] = "firstName",
        ["last name"] = "lastName",
    };

    /// <summary>Maps <c>GET /books</c>, <c>GET /books/{id}</c> and <c>POST /books</c>.</summary>
    /// <param name="api">The <c>/api</c> group.</param>
    /// <returns>The books group.</returns>
    public static RouteGroupBuilder MapBooksApi(this IEndpointRouteBuilder api)
    {
        var books = api.MapGroup("/books").WithTags("Books");
        books.MapGet("/", SearchAsync)
            .WithName("SearchBooks")
            .WithSummary("Books whose title contains the search text (all books without one), by title, a page at a time.")
            .ProducesValidationProblem();
        books.MapGet("/{id:long}", GetByIdAsync)
            .WithName("GetBook")
            .WithSummary("One book with its author and publishers.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        books.MapPost("/", AddAsync)
            .WithName("AddBook")
            .WithSummary("Adds a book, creating its author and publisher when missing and linking the publisher when the book exists. Needs the editor key.")
            .WithDescription("Name the author by full name (author) or exactly (firstName and lastName). A full name first matches an existing author "
                + "whose first and last name together read so; a full name that fits several authors is refused with 409, listing them as candidates.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithMetadata(new RequestBodyExample("""{"author":"First Last","title":"…","publisher":"…"}"""))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireAuthorization(EditorAuthentication.ApiEditorPolicy);
        return books;
    }

    internal static async Task<Results<Ok<ItemPage<BookItem>>, ValidationProblem>> SearchAsync(
        string? search, string? page, string? pageSize, BookRepository books, CancellationToken cancellationToken)
    {
        if (!Paging.TryRead(page, pageSize, out var request, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var found = await books.SearchByTitleAsync(search ?? "", request.Page, request.PageSize, cancellationToken);
        return TypedResults.Ok(found.ToItemPage(book => new BookItem(book.BookId, book.Title, book.AuthorName)));
    }

    internal static async Task<Results<Ok<BookDetails>, ProblemHttpResult>> GetByIdAsync(
        long id, BookRepository books, AuthorRepository authors, CancellationToken cancellationToken)
    {
        var details = await ReadDetailsAsync(id, books, authors, cancellationToken);
        return details is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"Book {id} does not exist.")
            : TypedResults.Ok(details);
    }

    /// <remarks>
    /// The body is bound and validated before this runs (<see cref="AddBookRequest.Validate"/>); a body that cannot
    /// be read, and the library's errors, are answered by <see cref="CatalogProblems"/>.
    /// </remarks>
    internal static async Task<Results<Created<AddBookResponse>, Ok<AddBookResponse>>> AddAsync(
        [FromBody] AddBookRequest request, HttpContext httpContext, BookRepository books, AuthorRepository authors, CancellationToken cancellationToken)
    {
        if (request.NamesAuthorExactly)
        {
            CatalogProblems.UseFieldNames(httpContext, ExactNameFields);
        }

        var result = await books.AddBookAsync(request.ToAuthorName(), request.Title!, request.Publisher!, cancellationToken);
        var details = await ReadDetailsAsync(result.Book.BookId, books, authors, cancellationToken)
            ?? new BookDetails(result.Book.BookId, result.Book.Title, FullName(result.Author), [result.Publisher.Name]);
        var response = new AddBookResponse(result.Outcome, details, result.AuthorCreated, result.PublisherCreated);
        return result.Changed
            ? TypedResults.Created($"/api/books/{result.Book.BookId}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<BookDetails?> ReadDetailsAsync(
        long id, BookRepository books, AuthorRepository authors, CancellationToken cancellationToken)
    {
        var book = await books.GetByIdAsync(id, cancellationToken);
        if (book is null)
        {
            return null;
        }

        var author = await authors.GetByIdAsync(book.AuthorId, cancellationToken);
        var publishers = await books.ListPublishersAsync(id, cancellationToken);
        return new BookDetails(
            book.BookId,
            book.Title,
            author is null ? "" : FullName(author),
            publishers.Select(publisher => publisher.Name).ToArray());
    }

    private static string FullName(Author author) =>
        author.FirstName.Length == 0 ? author.LastName : $"{author.FirstName} {author.LastName}";
}
