using Microsoft.AspNetCore.OpenApi;

namespace BookData.Web.Hosting;

/// <summary>
/// Lets every <c>GET</c> endpoint of a group also answer <c>HEAD</c>, as Razor Pages, static files and the health
/// check already do: the same handler runs and the server sends the status and headers without the body.
/// </summary>
internal static class HeadRequests
{
    /// <summary>Adds <c>HEAD</c> to the methods of each endpoint built by <paramref name="builder"/> that answers <c>GET</c>.</summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder AnswerHead<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault();
            if (methods is null
                || !methods.HttpMethods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase)
                || methods.HttpMethods.Contains(HttpMethods.Head, StringComparer.OrdinalIgnoreCase))
            {
                return;
            }

            // Routing reads the last method metadata, so this one wins.
            endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
        });
        return builder;
    }

    /// <summary>
    /// Leaves the <c>HEAD</c> twins of <c>GET</c> operations out of the OpenAPI document: HTTP defines <c>HEAD</c>
    /// wherever <c>GET</c> is, and each twin would repeat its <c>GET</c>'s operation id, which must be unique.
    /// </summary>
    /// <param name="options">The OpenAPI options.</param>
    /// <returns>The same options.</returns>
    public static OpenApiOptions OmitHeadOperations(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            foreach (var path in document.Paths.Values)
            {
                path.Operations?.Remove(HttpMethod.Head);
            }

            return Task.CompletedTask;
        });
        return options;
    }
}
