using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using BookData.Web.Api;
using BookData.Web.Errors;
using BookData.Web.Security;
using BookData.Web.Seeding;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

namespace BookData.Web.Hosting;

/// <summary>Registers everything the web application needs: BookData, pages, API, security and limits.</summary>
public static class CatalogWebBuilderExtensions
{
    /// <summary>The largest request body the server reads: 64 KiB.</summary>
    public const int MaxRequestBodyBytes = 64 * 1024;

    /// <summary>
    /// Adds BookData (database from <c>ConnectionStrings:BookData</c>, <c>BookData:ConnectionString</c> (SQLite or PostgreSQL) or the app's own file, migrated at
    /// startup, seeded with the sample when empty), the pages, the JSON API with its OpenAPI document, the
    /// health check, editor authentication, the write rate limit, problem details and request limits.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddCatalogWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(CatalogWebOptions.SectionName);
        var database = CatalogDatabase.Resolve(builder.Configuration, builder.Environment);

        builder.Services.AddSingleton(database);
        builder.Services.AddBookData(options =>
            {
                // Binds every library option of the section, ReadConnectionString (a PostgreSQL read replica) included.
                section.Bind(options);
                options.ConnectionString = database.ConnectionString;
                options.MigrateOnStartup = true;

                // The app takes either kind of connection string: one with a Host or Server key is PostgreSQL's.
                options.UsePostgreSqlWhenRequested();
            })
            .AddHealthCheck();
        builder.Services.AddHostedService<SampleCatalogSeeder>();

        builder.Services.AddCatalogWebOptions(section);
        builder.Services.AddEditorAuthentication();
        builder.Services.AddWriteRateLimiting();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = CatalogProblems.Customize);
        builder.Services.AddExceptionHandler<CatalogExceptionHandler>();
        builder.Services.AddPagesAndApi();
        builder.AddRequestLimits();
        return builder;
    }

    private static void AddCatalogWebOptions(this IServiceCollection services, IConfigurationSection section) =>
        services.AddOptions<CatalogWebOptions>()
            .Bind(section)
            .Validate(options => string.IsNullOrWhiteSpace(options.ApiKey) || options.ApiKey.Length >= CatalogWebOptions.MinApiKeyLength,
                $"BookData:ApiKey must be at least {CatalogWebOptions.MinApiKeyLength} characters long.")
            .Validate(options => options.WriteRateLimit.PermitLimit >= 0,
                "BookData:WriteRateLimit:PermitLimit must be zero (no limit) or positive.")
            .Validate(options => options.WriteRateLimit.Window > TimeSpan.Zero,
                "BookData:WriteRateLimit:Window must be positive, for example 00:01:00.")
            .Validate(options => options.WriteRateLimit.QueueLimit >= 0,
                "BookData:WriteRateLimit:QueueLimit must be zero or positive.")
            .ValidateOnStart();

    private static void AddEditorAuthentication(this IServiceCollection services)
    {
        services.AddSingleton(provider => EditorKey.FromConfiguration(provider.GetRequiredService<IOptions<CatalogWebOptions>>().Value.ApiKey));
        services.AddHostedService<EditorKeyAnnouncer>();
        services.AddHostedService<AllowedHostsAnnouncer>();

        services.AddAuthentication(EditorAuthentication.CookieScheme)
            .AddCookie(EditorAuthentication.CookieScheme, options =>
            {
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.AccessDeniedPath = "/signin";
                options.Cookie.Name = "BookData.Editor";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(EditorAuthentication.ApiKeyScheme, configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddPolicy(EditorAuthentication.ApiEditorPolicy, policy => policy
                .AddAuthenticationSchemes(EditorAuthentication.ApiKeyScheme)
                .RequireRole(EditorAuthentication.EditorRole))
            .AddPolicy(EditorAuthentication.FormEditorPolicy, policy => policy
                .AddAuthenticationSchemes(EditorAuthentication.CookieScheme)
                .RequireRole(EditorAuthentication.EditorRole));
        services.AddAntiforgery(options =>
        {
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
    }

    private static void AddPagesAndApi(this IServiceCollection services)
    {
        // Razor encodes <, >, &, quotes and control characters; letters of every script are written as they are.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRouting(options => options.LowercaseUrls = true);
        services.AddRazorPages(options => options.Conventions.AuthorizePage("/Books/Add", EditorAuthentication.FormEditorPolicy));
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));

        // Request bodies are validated before the endpoint runs (AddBookRequest). A body binding cannot read throws
        // in every environment, so CatalogProblems answers it with problem details naming the field, not a bare 400.
        services.AddValidation();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOpenApi(options => options.AddApiKeySecurity().OmitHeadOperations());
    }

    private static void AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        builder.Services.Configure<FormOptions>(options =>
        {
            options.ValueCountLimit = 64;
            options.KeyLengthLimit = 256;
            options.ValueLengthLimit = 16 * 1024;
            options.MultipartBodyLengthLimit = MaxRequestBodyBytes;
        });
    }
}
