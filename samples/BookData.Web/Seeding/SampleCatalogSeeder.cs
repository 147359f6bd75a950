using BookData.Import;
using BookData.Reports;
using BookData.Web.Hosting;
using Microsoft.Extensions.Options;

namespace BookData.Web.Seeding;

/// <summary>
/// Fills an empty catalog with the bundled sample (<c>SampleData/author_book_publisher.csv</c>) at startup
/// when <see cref="CatalogWebOptions.SeedSampleData"/> is on, so a fresh install shows a working catalog.
/// Runs after the startup migration and imports the file all-or-nothing; a catalog that holds anything is left alone.
/// </summary>
internal sealed partial class SampleCatalogSeeder(
    IOptions<CatalogWebOptions> options,
    CatalogDatabase database,
    CatalogReports reports,
    CatalogImporter importer,
    ILogger<SampleCatalogSeeder> logger) : IHostedService
{
    /// <summary>The bundled sample file, relative to the application's base directory.</summary>
    public static string SampleFile => Path.Combine(AppContext.BaseDirectory, "SampleData", "author_book_publisher.csv");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!(options.Value.SeedSampleData ?? database.IsDefault))
        {
            return;
        }

        var counts = await reports.GetCountsAsync(cancellationToken);
        if (counts.Authors + counts.Books + counts.Publishers > 0)
        {
            return;
        }

        var summary = await importer.ImportAsync(SampleFile, cancellationToken: cancellationToken);
        LogSeeded(logger, summary.RowsImported, SampleFile);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2, EventName = "SampleCatalogSeeded", Level = LogLevel.Information,
        Message = "The catalog was empty; imported {Rows} rows of sample data from {File}")]
    private static partial void LogSeeded(ILogger logger, long rows, string file);
}
