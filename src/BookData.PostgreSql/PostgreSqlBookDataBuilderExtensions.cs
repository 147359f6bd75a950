using BookData;
using BookData.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Chooses PostgreSQL for the BookData catalog registered with <c>AddBookData</c>, as EF Core's <c>UseNpgsql</c>
/// does: <c>services.AddBookData(o =&gt; o.ConnectionString = "Host=...;Database=...").UsePostgreSql()</c>.
/// </summary>
public static class PostgreSqlBookDataBuilderExtensions
{
    /// <summary>
    /// Makes the registered BookData options select PostgreSQL (see <see cref="PostgreSqlBookDataOptionsExtensions.UsePostgreSql(BookDataOptions)"/>),
    /// after the options are configured or bound: <c>services.AddBookData(...).UsePostgreSql()</c>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddBookData</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IBookDataBuilder UsePostgreSql(this IBookDataBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<BookDataOptions>().PostConfigure(options => options.UsePostgreSql());
        return builder;
    }
}
