using BookData.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BookData.Web.Api;

/// <summary>Describes the editor key in the OpenAPI document: an <c>X-Api-Key</c> header scheme, required by every write.</summary>
internal static class ApiKeySecurity
{
    /// <summary>Adds the security scheme to the document and the requirement to operations that need authorization.</summary>
    /// <param name="options">The OpenAPI options.</param>
    /// <returns>The same options.</returns>
    public static OpenApiOptions AddApiKeySecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "BookData catalog API";
            document.Info.Description = "Reads are open; writes need the editor key in the X-Api-Key header.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[EditorAuthentication.ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = EditorAuthentication.ApiKeyHeader,
                Description = "The editor key (BookData:ApiKey).",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(EditorAuthentication.ApiKeyScheme, context.Document)] = [],
                });
            }

            return Task.CompletedTask;
        });
        return options;
    }
}
