using BookData.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Further registrations chained on <c>services.AddBookData(...)</c>.</summary>
public static class BookDataBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="BookDataHealthCheck"/> to the application's health checks: unhealthy when the database
    /// cannot be opened or migration scripts are pending.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddBookData</c>.</param>
    /// <param name="name">The check's name. Default: <c>bookdata</c> (<see cref="BookDataHealthCheck.DefaultName"/>).</param>
    /// <param name="failureStatus">The status reported on failure. Default (<see langword="null"/>): <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by, for example <c>ready</c>. Default: none.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static IBookDataBuilder AddHealthCheck(
        this IBookDataBuilder builder,
        string name = BookDataHealthCheck.DefaultName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Services.AddHealthChecks().AddCheck<BookDataHealthCheck>(name, failureStatus, tags ?? []);
        return builder;
    }
}
