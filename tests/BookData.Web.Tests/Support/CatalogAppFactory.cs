using BookData.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BookData.Web.Tests.Support;

/// <summary>
/// The web application on its own temp SQLite file, seeded with the sample catalog, with a known editor key
/// and the write rate limit off (unless a subclass sets it). One per test class; the file is deleted on dispose.
/// </summary>
public class CatalogAppFactory : WebApplicationFactory<Program>
{
    public const string EditorKey = "test-editor-key-0123456789abcdef";

    public CatalogAppFactory()
    {
        DatabasePath = Path.Combine(Path.GetTempPath(), $"bookdata-web-test-{Guid.NewGuid():N}.db");
    }

    public string DatabasePath { get; }

    public LogCollector Logs { get; } = new(LogLevel.Information);

    /// <summary>Settings applied on top of the defaults below; a <see langword="null"/> value removes a default.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>A connection factory of its own on the app's database file, for checking what was stored.</summary>
    public BookDataConnectionFactory OpenDatabase() =>
        new(new BookDataOptions { ConnectionString = $"Data Source={DatabasePath}" });

    public HttpClient CreateEditorClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", EditorKey);
        return client;
    }

    /// <summary>A client that does not follow redirects, to see them.</summary>
    public HttpClient CreateNonRedirectingClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:BookData"] = $"Data Source={DatabasePath}",
            ["BookData:ApiKey"] = EditorKey,
            ["BookData:SeedSampleData"] = "true",
            ["BookData:WriteRateLimit:PermitLimit"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings)
        {
            if (value is not null)
            {
                builder.UseSetting(key, value);
            }
        }

        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            try
            {
                File.Delete(DatabasePath + suffix);
            }
            catch (IOException)
            {
                // A file still held open elsewhere is left for the OS temp cleaner.
            }
        }
    }
}
