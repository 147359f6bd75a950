using Microsoft.Data.Sqlite;

namespace BookData.Web.Hosting;

/// <summary>
/// Where the catalog lives: <c>ConnectionStrings:BookData</c> when it is set, else
/// <c>BookData:ConnectionString</c> (the library's own setting), otherwise <c>App_Data/bookdata.db</c>
/// under the application's content root. A configured string may name a SQLite file
/// (<c>Data Source=FILE</c>) or a PostgreSQL database (<c>Host=SERVER;Database=NAME;...</c>).
/// </summary>
/// <param name="ConnectionString">The connection string to use, SQLite or PostgreSQL.</param>
/// <param name="IsDefault">Whether it is the app's own database file rather than a configured one.</param>
public sealed record CatalogDatabase(string ConnectionString, bool IsDefault)
{
    /// <summary>The connection string's name: <c>BookData</c> (<c>ConnectionStrings:BookData</c>).</summary>
    public const string ConnectionStringName = "BookData";

    /// <summary>Picks the database from configuration, creating the default database's folder when it is used.</summary>
    /// <param name="configuration">The application's configuration.</param>
    /// <param name="environment">The host environment, whose content root holds the default database.</param>
    /// <returns>The database to use.</returns>
    public static CatalogDatabase Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = configuration[$"{BookDataOptions.SectionName}:{nameof(BookDataOptions.ConnectionString)}"];
        }

        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new CatalogDatabase(configured, IsDefault: false);
        }

        var folder = Path.Combine(environment.ContentRootPath, "App_Data");
        Directory.CreateDirectory(folder);
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "bookdata.db") };
        return new CatalogDatabase(builder.ToString(), IsDefault: true);
    }
}
