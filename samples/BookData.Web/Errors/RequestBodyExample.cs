namespace BookData.Web.Errors;

/// <summary>
/// Endpoint metadata: an example of the JSON body the endpoint reads, quoted by <see cref="CatalogProblems"/> when
/// the body cannot be read (malformed JSON, <c>null</c>, an array, no body at all).
/// </summary>
/// <param name="Json">The example, for example <c>{"author":"First Last","title":"…","publisher":"…"}</c>.</param>
internal sealed record RequestBodyExample(string Json);
