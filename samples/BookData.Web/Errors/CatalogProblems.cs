using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace BookData.Web.Errors;

/// <summary>
/// Turns exceptions into problem details: the BookData exception family keeps its own one-sentence
/// message (validation 400 with the field, not found 404, duplicate or conflict 409, an ambiguous author name
/// 409 with its <c>candidates</c>); database trouble is
/// 503 and anything else 500, both with a fixed message, so no stack trace, SQL or file path reaches a client.
/// A request body minimal-API binding cannot read (<see cref="BadHttpRequestException"/>, thrown because
/// <c>RouteHandlerOptions.ThrowOnBadRequest</c> is on) is 415 when not JSON, and otherwise a 400 keyed on the field
/// holding a value of the wrong type or on <c>body</c>.
/// </summary>
internal static class CatalogProblems
{
    private static readonly object FieldNamesKey = new();

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
    /// <param name="context">
    /// The request, when known: its field names (<see cref="UseFieldNames"/>) and its endpoint's
    /// <see cref="RequestBodyExample"/> shape the answer.
    /// </param>
    /// <param name="endpoint">The endpoint that failed, when known (the exception handler has already cleared the request's).</param>
    /// <returns>Problem details whose status is <see cref="StatusCodeFor"/>.</returns>
    public static ProblemDetails For(Exception exception, HttpContext? context = null, Endpoint? endpoint = null)
    {
        var status = StatusCodeFor(exception);
        return exception switch
        {
            BookDataValidationException invalid => Validation(FieldName(invalid.Field, context), invalid.Message),
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
            BadHttpRequestException when status == StatusCodes.Status415UnsupportedMediaType =>
                new ProblemDetails { Status = status, Detail = "Send the request body as JSON with Content-Type: application/json." },
            BadHttpRequestException { InnerException: JsonException json } => Validation(
                JsonErrorField(json),
                $"The request body is not valid JSON{ForThisRequest(endpoint)} (line {(json.LineNumber ?? 0) + 1}, byte {(json.BytePositionInLine ?? 0) + 1}){Example(endpoint)}."),
            BadHttpRequestException when status == StatusCodes.Status400BadRequest && endpoint?.Metadata.GetMetadata<RequestBodyExample>() is not null =>
                Validation("body", $"The request body must be a JSON object{Example(endpoint)}."),
            BadHttpRequestException =>
                new ProblemDetails { Status = status, Detail = "The request could not be read." },
            _ => new ProblemDetails { Status = status, Detail = "An unexpected error occurred." },
        };

        static string ForThisRequest(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<RequestBodyExample>() is null ? "" : " for this request";

        static string Example(Endpoint? endpoint) =>
            endpoint?.Metadata.GetMetadata<RequestBodyExample>() is { } example ? $"; send {example.Json}" : "";
    }

    /// <summary>
    /// Fills in the detail of an API error answered without an exception (status code pages, or minimal-API binding,
    /// which answers a body over the server's limit or not JSON with the status alone), in the words <see cref="For"/> uses.
    /// </summary>
    /// <param name="context">The problem being written.</param>
    public static void Customize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than this server accepts.",
            StatusCodes.Status415UnsupportedMediaType => "Send the request body as JSON with Content-Type: application/json.",
            _ => null,
        };
    }

    /// <summary>
    /// Names the request fields under which this request's library validation errors are reported, where they differ
    /// from <see cref="FieldName(string)"/>'s (an author named exactly has its own <c>firstName</c> and <c>lastName</c>).
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="names">Library field (<see cref="BookDataValidationException.Field"/>) to request field.</param>
    public static void UseFieldNames(HttpContext context, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[FieldNamesKey] = names;
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

    private static string FieldName(string libraryField, HttpContext? context) =>
        context?.Items[FieldNamesKey] is IReadOnlyDictionary<string, string> names && names.TryGetValue(libraryField, out var name)
            ? name
            : FieldName(libraryField);

    /// <summary>
    /// The field a JSON value of the wrong type belongs to (<c>"title":5</c> is the title's error, at path
    /// <c>$.title</c>). Malformed JSON (a reader error, which comes as the inner exception) and anything not at a
    /// top-level property is the body's error.
    /// </summary>
    private static string JsonErrorField(JsonException json) =>
        json.InnerException is not JsonException
        && json.Path is ['$', '.', .. var name]
        && name.Length > 0
        && name.All(char.IsAsciiLetterOrDigit)
            ? name
            : "body";
}
