using System.Text.Json;
using BookData.Authors;
using BookData.Books;
using BookData.Web.Errors;
using BookData.Web.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BookData.Web.Api;

/// <summary>Searching books, reading one, and adding one (the tutorial's add-new-book).</summary>
public static class BooksApi
{
    /// <summary>The largest request body <c>POST /api/books</c> accepts: 16 KiB, far above the longest valid book.</summary>
    public const int MaxBodyBytes = 16 * 1024;

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
            .Accepts<AddBookRequest>("application/json")
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

    internal static async Task<Results<Created<AddBookResponse>, Ok<AddBookResponse>, ValidationProblem, ProblemHttpResult>> AddAsync(
        HttpRequest request, BookRepository books, AuthorRepository authors, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: "Send the book as JSON with Content-Type: application/json.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        AddBookRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<AddBookRequest>(cancellationToken);
        }
        catch (JsonException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [ex.InnerException is JsonException ? "body" : JsonErrorField(ex.Path)] = [$"The request body is not valid JSON for a book (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}); send {{\"author\":\"First Last\",\"title\":\"…\",\"publisher\":\"…\"}}."],
            });
        }

        var errors = new Dictionary<string, string[]>();
        var exactName = body is not null && (body.FirstName is not null || body.LastName is not null);
        if (body is null)
        {
            errors["body"] = ["The request body must be a JSON object with author (or firstName and lastName), title and publisher."];
        }
        else
        {
            if (exactName && body.Author is not null)
            {
                errors["author"] = ["Name the author either with author or with firstName and lastName, not both."];
            }
            else if (exactName)
            {
                Require(errors, "lastName", body.LastName, "last name");
            }
            else
            {
                Require(errors, "author", body.Author, "author");
            }

            Require(errors, "title", body.Title, "title");
            Require(errors, "publisher", body.Publisher, "publisher");
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        AddBookResult result;
        try
        {
            var author = exactName
                ? AuthorName.Create(body!.FirstName ?? "", body.LastName)
                : AuthorName.FromFullName(body!.Author);
            result = await books.AddBookAsync(author, body.Title!, body.Publisher!, cancellationToken);
        }
        catch (BookDataValidationException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [RequestField(ex.Field, exactName)] = [ex.Message],
            });
        }

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

    private static void Require(Dictionary<string, string[]> errors, string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"The {label} is required and cannot be empty or white space."];
        }
    }

    /// <summary>The request field a library validation error belongs to: the name parts are their own fields when the author was named exactly.</summary>
    private static string RequestField(string libraryField, bool exactName) => libraryField switch
    {
        "first name" when exactName => "firstName",
        "last name" when exactName => "lastName",
        _ => CatalogProblems.FieldName(libraryField),
    };

    /// <summary>
    /// The field a JSON value of the wrong type belongs to (<c>"title":5</c> is the title's error). Malformed JSON
    /// (a reader error, which comes as the inner exception) is the body's error wherever the reader stopped.
    /// </summary>
    private static string JsonErrorField(string? path) => path switch
    {
        "$.author" => "author",
        "$.firstName" => "firstName",
        "$.lastName" => "lastName",
        "$.title" => "title",
        "$.publisher" => "publisher",
        _ => "body",
    };

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            detail: $"The request body is larger than {MaxBodyBytes} bytes.");
}
