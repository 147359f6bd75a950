using Microsoft.AspNetCore.Mvc;

namespace BookData.Web.Errors;

/// <summary>
/// Turns exceptions into problem details: the BookData exception family keeps its own one-sentence
/// message (validation 400 with the field, not found 404, duplicate or conflict 409, an ambiguous author name
/// 409 with its <c>candidates</c>); database trouble is
/// 503 and anything else 500, both with a fixed message, so no stack trace, SQL or file path reaches a client.
/// </summary>
internal static class CatalogProblems
{
    /// <summary>Whether the request is for the JSON API, which answers errors with problem details rather than pages.</summary>
    /// <param name="request">The request.</param>
    /// <returns><see langword="true"/> under <c>/api</c>.</returns>
    public static bool IsApiRequest(HttpRequest request) => IsApiPath(request.Path);

    /// <summary>Whether a request path belongs to the JSON API.</summary>
    /// <param name="path">The path.</param>
    /// <returns><see langword="true"/> under <c>/api</c>.</returns>
    public static bool IsApiPath(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>The status code an exception is answered with.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The HTTP status code.</returns>
    public static int StatusCodeFor(Exception exception) => exception switch
    {
        BookDataValidationException => StatusCodes.Status400BadRequest,
        BookDataNotFoundException => StatusCodes.Status404NotFound,
        BookDataDuplicateException or BookDataConflictException => StatusCodes.Status409Conflict,
        BookDataDatabaseException or BookDataMigrationException => StatusCodes.Status503ServiceUnavailable,
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The problem details an exception is answered with.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>Problem details whose status is <see cref="StatusCodeFor"/>.</returns>
    public static ProblemDetails For(Exception exception)
    {
        var status = StatusCodeFor(exception);
        return exception switch
        {
            BookDataValidationException invalid => Validation(FieldName(invalid.Field), invalid.Message),
            BookDataAmbiguousAuthorException ambiguous => new ProblemDetails
            {
                Status = status,
                Detail = ambiguous.Message,
                Extensions = { ["candidates"] = ambiguous.Candidates },
            },
            BookDataNotFoundException or BookDataDuplicateException or BookDataConflictException =>
                new ProblemDetails { Status = status, Detail = exception.Message },
            BookDataDatabaseException or BookDataMigrationException =>
                new ProblemDetails { Status = status, Detail = "The catalog database is unavailable right now; try again shortly." },
            BadHttpRequestException when status == StatusCodes.Status413PayloadTooLarge =>
                new ProblemDetails { Status = status, Detail = "The request body is larger than this server accepts." },
            BadHttpRequestException =>
                new ProblemDetails { Status = status, Detail = "The request could not be read." },
            _ => new ProblemDetails { Status = status, Detail = "An unexpected error occurred." },
        };
    }

    /// <summary>A 400 problem with one field's error.</summary>
    /// <param name="field">The field, as the client named it (<c>author</c>, <c>title</c>, <c>publisher</c>...).</param>
    /// <param name="message">What is wrong with it.</param>
    /// <returns>Validation problem details.</returns>
    public static ValidationProblemDetails Validation(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
        };

    /// <summary>
    /// The request field a library validation error belongs to: the author's name parts map to
    /// <c>author</c>, the publisher's name to <c>publisher</c>; other names are kept.
    /// </summary>
    /// <param name="libraryField">The field named by <see cref="BookDataValidationException.Field"/>.</param>
    /// <returns>The request field.</returns>
    public static string FieldName(string libraryField) => libraryField switch
    {
        "author name" or "first name" or "last name" => "author",
        "publisher name" => "publisher",
        "title" => "title",
        _ => libraryField,
    };
}
