using BookData;
using BookData.Authors;
using BookData.Books;
using BookData.Connections;
using BookData.Export;
using BookData.Hosting;
using BookData.Import;
using BookData.Migrations;
using BookData.Publishers;
using BookData.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers BookData with a <see cref="IServiceCollection"/>.</summary>
public static class BookDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers BookData configured in code: <see cref="BookDataOptions"/> (validated when the host
    /// starts), the <see cref="BookDataConnectionFactory"/>, the <see cref="BookDataMigrator"/>, the
    /// repositories (<see cref="AuthorRepository"/>, <see cref="BookRepository"/>, <see cref="PublisherRepository"/>,
    /// <see cref="CatalogReports"/>), the <see cref="CatalogImporter"/> and <see cref="CatalogExporter"/>, all singletons since they are stateless and thread-safe, and the hosted
    /// service that migrates the database at startup when <see cref="BookDataOptions.MigrateOnStartup"/> is on.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, at least <see cref="BookDataOptions.ConnectionString"/>.</param>
    /// <returns>A builder to chain further registrations such as <c>AddHealthCheck()</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <remarks>
    /// A missing or malformed setting makes the host fail to start with an <see cref="OptionsValidationException"/>
    /// naming it, for example <c>BookData:ConnectionString</c>. Calling this more than once adds the
    /// configurations together and registers the services once.
    /// </remarks>
    public static IBookDataBuilder AddBookData(this IServiceCollection services, Action<BookDataOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<BookDataOptions>().Configure(configure);
        return AddBookDataCore(services);
    }

    /// <summary>
    /// Registers BookData with its options bound from configuration, usually the <c>BookData</c> section:
    /// <c>services.AddBookData(configuration.GetSection(BookDataOptions.SectionName))</c>. Registers the same
    /// services as <see cref="AddBookData(IServiceCollection, Action{BookDataOptions})"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">
    /// The section holding the options' keys, named as the <see cref="BookDataOptions"/> properties
    /// (<c>ConnectionString</c>, <c>MigrateOnStartup</c>, ...). Changes after startup are not picked up.
    /// </param>
    /// <returns>A builder to chain further registrations such as <c>AddHealthCheck()</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IBookDataBuilder AddBookData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BookDataOptions>().Bind(configuration);
        return AddBookDataCore(services);
    }

    private static BookDataBuilder AddBookDataCore(IServiceCollection services)
    {
        services.AddOptions<BookDataOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BookDataOptions>, BookDataOptionsValidator>());

        services.TryAddSingleton(provider => new BookDataConnectionFactory(
            provider.GetRequiredService<IOptions<BookDataOptions>>().Value,
            provider.GetService<ILogger<BookDataConnectionFactory>>()));
        services.TryAddSingleton<BookDataMigrator>();
        services.TryAddSingleton<AuthorRepository>();
        services.TryAddSingleton<BookRepository>();
        services.TryAddSingleton<PublisherRepository>();
        services.TryAddSingleton<CatalogReports>();
        services.TryAddSingleton<CatalogImporter>();
        services.TryAddSingleton<CatalogExporter>();

        services.AddHostedService<BookDataMigrationHostedService>();
        return new BookDataBuilder(services);
    }
}
