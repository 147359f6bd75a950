namespace BookData.Web.Hosting;

/// <summary>
/// The web application's own settings, read from the <c>BookData</c> configuration section beside the
/// library's <see cref="BookDataOptions"/>.
/// </summary>
public sealed class CatalogWebOptions
{
    /// <summary>The configuration section: <c>BookData</c>.</summary>
    public const string SectionName = "BookData";

    /// <summary>The fewest characters a configured editor key may have: 16.</summary>
    public const int MinApiKeyLength = 16;

    /// <summary>
    /// The editor key that writes need (<c>X-Api-Key</c> header, or the sign-in page for the form).
    /// Default: none, in which case a random key is generated at startup and logged once.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Whether an empty catalog is filled with the bundled sample data at startup. Default: on when the
    /// app uses its own database file (no <c>ConnectionStrings:BookData</c> or <c>BookData:ConnectionString</c>), off otherwise.
    /// </summary>
    public bool? SeedSampleData { get; set; }

    /// <summary>How many writes one client may make; see <see cref="WriteRateLimitOptions"/>.</summary>
    public WriteRateLimitOptions WriteRateLimit { get; set; } = new();
}
