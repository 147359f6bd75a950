using Microsoft.AspNetCore.Http.Metadata;

namespace BookData.Web.Hosting;

/// <summary>
/// Refuses, with 413, a request whose <c>Content-Length</c> is over its endpoint's <see cref="IRequestSizeLimitMetadata"/>
/// before anything reads the body. Routing already sets that limit on the server (Kestrel then refuses a longer body,
/// chunked or not, when it is read); this makes the declared length count on any host, the test server included.
/// Runs after authorization, so a request without the editor key is still told so first.
/// </summary>
internal static class EndpointRequestSizeLimits
{
    /// <summary>Adds the check.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static IApplicationBuilder UseEndpointRequestSizeLimits(this IApplicationBuilder app) =>
        app.Use(next => context =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { MaxRequestBodySize: { } limit }
                && context.Request.ContentLength > limit)
            {
                throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            return next(context);
        });
}
