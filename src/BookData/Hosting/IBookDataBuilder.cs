using Microsoft.Extensions.DependencyInjection;

namespace BookData.Hosting;

/// <summary>
/// Returned by <c>services.AddBookData(...)</c> so further BookData registrations can be chained,
/// for example <c>services.AddBookData(...).AddHealthCheck()</c>.
/// </summary>
public interface IBookDataBuilder
{
    /// <summary>The service collection BookData was added to.</summary>
    IServiceCollection Services { get; }
}
