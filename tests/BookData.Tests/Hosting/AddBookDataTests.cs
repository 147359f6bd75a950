using BookData.Authors;
using BookData.Books;
using BookData.Connections;
using BookData.Export;
using BookData.Import;
using BookData.Migrations;
using BookData.Publishers;
using BookData.Reports;
using BookData.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BookData.Tests.Hosting;

public sealed class AddBookDataTests
{
    [Fact]
    public async Task AddBookData_ConfigureAction_ResolvesFactoryAndMigratorForTheConfiguredDatabase()
    {
        await using var database = TestDatabase.CreateEmpty();
        var services = new ServiceCollection();
        services.AddLogging();

        services.AddBookData(options => options.ConnectionString = database.Options.ConnectionString);
        await using var provider = services.BuildServiceProvider();

        var factory = provider.GetRequiredService<BookDataConnectionFactory>();
        factory.DataSource.Should().Be(database.Path);
        provider.GetRequiredService<BookDataConnectionFactory>().Should().BeSameAs(factory);
        var status = await provider.GetRequiredService<BookDataMigrator>().GetStatusAsync();
        status.Pending.Should().Equal(BookDataMigrator.ScriptNames);
    }

    [Fact]
    public async Task AddBookData_Repositories_ResolveAsSingletonsOnTheConfiguredDatabase()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SampleCatalog.LoadAsync(database);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBookData(options => options.ConnectionString = database.Options.ConnectionString);
        await using var provider = services.BuildServiceProvider();

        var authors = provider.GetRequiredService<AuthorRepository>();
        var books = provider.GetRequiredService<BookRepository>();
        var publishers = provider.GetRequiredService<PublisherRepository>();
        var reports = provider.GetRequiredService<CatalogReports>();

        provider.GetRequiredService<AuthorRepository>().Should().BeSameAs(authors);
        (await authors.CountAsync()).Should().Be(7);
        (await books.CountAsync()).Should().Be(10);
        (await publishers.CountAsync()).Should().Be(4);
        (await reports.BooksPerPublisherAsync()).Should().HaveCount(4);
    }

    [Fact]
    public async Task AddBookData_ImporterAndExporter_ResolveAsSingletonsOnTheConfiguredDatabase()
    {
        await using var database = await TestDatabase.CreateAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBookData(options => options.ConnectionString = database.Options.ConnectionString);
        await using var provider = services.BuildServiceProvider();

        var importer = provider.GetRequiredService<CatalogImporter>();
        var exporter = provider.GetRequiredService<CatalogExporter>();

        provider.GetRequiredService<CatalogImporter>().Should().BeSameAs(importer);
        provider.GetRequiredService<CatalogExporter>().Should().BeSameAs(exporter);
        (await importer.ImportAsync(SampleCatalog.CsvPath)).LinksAdded.Should().Be(12);
        (await exporter.ExportAsync(Stream.Null)).RowsWritten.Should().Be(12);
    }

    [Fact]
    public void AddBookData_WithLogging_FactoryLogsSlowOperationsUnlessThresholdIsZero()
    {
        static BookDataConnectionFactory Resolve(TimeSpan threshold)
        {
            var services = new ServiceCollection();
            services.AddLogging(logging => logging.AddProvider(new LogCollector()));
            services.AddBookData(options =>
            {
                options.ConnectionString = "Data Source=unused.db";
                options.SlowStatementThreshold = threshold;
            });
            return services.BuildServiceProvider().GetRequiredService<BookDataConnectionFactory>();
        }

        Resolve(TimeSpan.FromMilliseconds(500)).SlowStatementLogger.Should().BeAssignableTo<Microsoft.Extensions.Logging.ILogger>();
        Resolve(TimeSpan.Zero).SlowStatementLogger.Should().BeNull();
    }

    [Fact]
    public void AddBookData_ConfigurationSection_BindsEveryOption()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["BookData:ConnectionString"] = "Data Source=bound.db",
                ["BookData:BusyTimeout"] = "00:00:07",
                ["BookData:Synchronous"] = "Full",
                ["BookData:MigrateOnStartup"] = "true",
                ["BookData:SlowStatementThreshold"] = "00:00:00.250",
                ["BookData:AllowChangedMigrations"] = "true",
                ["BookData:BackupBeforeMigrate"] = "true",
            })
            .Build();
        var services = new ServiceCollection();

        services.AddBookData(configuration.GetSection(BookDataOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<BookDataOptions>>().Value;
        options.ConnectionString.Should().Be("Data Source=bound.db");
        options.BusyTimeout.Should().Be(TimeSpan.FromSeconds(7));
        options.Synchronous.Should().Be(SynchronousMode.Full);
        options.MigrateOnStartup.Should().BeTrue();
        options.SlowStatementThreshold.Should().Be(TimeSpan.FromMilliseconds(250));
        options.AllowChangedMigrations.Should().BeTrue();
        options.BackupBeforeMigrate.Should().BeTrue();
    }

    [Fact]
    public void BookDataOptions_Defaults_AreDocumentedValues()
    {
        var options = new BookDataOptions();

        options.MigrateOnStartup.Should().BeFalse();
        options.SlowStatementThreshold.Should().Be(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void AddBookData_CalledTwice_RegistersEachServiceOnceAndAppliesBothConfigurations()
    {
        var services = new ServiceCollection();

        services.AddBookData(options => options.ConnectionString = "Data Source=twice.db");
        services.AddBookData(options => options.MigrateOnStartup = true);
        using var provider = services.BuildServiceProvider();

        services.Count(descriptor => descriptor.ServiceType == typeof(BookDataConnectionFactory)).Should().Be(1);
        services.Count(descriptor => descriptor.ServiceType == typeof(BookDataMigrator)).Should().Be(1);
        services.Count(descriptor => descriptor.ServiceType == typeof(IHostedService)).Should().Be(1);
        services.Count(descriptor => descriptor.ServiceType == typeof(IValidateOptions<BookDataOptions>)).Should().Be(1);
        var options = provider.GetRequiredService<IOptions<BookDataOptions>>().Value;
        options.ConnectionString.Should().Be("Data Source=twice.db");
        options.MigrateOnStartup.Should().BeTrue();
    }

    [Fact]
    public async Task StartAsync_MissingConnectionString_FailsNamingTheSettingAndCreatesNothing()
    {
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services => services.AddBookData(options => options.MigrateOnStartup = true));

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("BookData:ConnectionString");
    }

    [Fact]
    public async Task StartAsync_MalformedConnectionString_FailsNamingTheSettingAndCreatesNoFile()
    {
        await using var database = TestDatabase.CreateEmpty();
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services => services.AddBookData(options =>
        {
            options.ConnectionString = $"Data Source={database.Path};Not A Keyword=1";
            options.MigrateOnStartup = true;
        }));

        var act = () => host.StartAsync();

        var error = (await act.Should().ThrowAsync<OptionsValidationException>()).Which;
        error.Message.Should().Contain("BookData:ConnectionString").And.Contain("malformed");
        File.Exists(database.Path).Should().BeFalse();
    }

    [Fact]
    public async Task StartAsync_BoundSectionWithoutConnectionString_FailsNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["BookData:MigrateOnStartup"] = "true" })
            .Build();
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services => services.AddBookData(configuration.GetSection(BookDataOptions.SectionName)));

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("BookData:ConnectionString");
    }

    [Fact]
    public async Task StartAsync_NegativeSlowStatementThreshold_FailsNamingTheSetting()
    {
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services => services.AddBookData(options =>
        {
            options.ConnectionString = "Data Source=unused.db";
            options.SlowStatementThreshold = TimeSpan.FromSeconds(-1);
        }));

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("BookData:SlowStatementThreshold");
    }

    [Fact]
    public void AddBookData_NullArguments_Throw()
    {
        var services = new ServiceCollection();

        ((Action)(() => services.AddBookData((Action<BookDataOptions>)null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => services.AddBookData((IConfiguration)null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => ((IServiceCollection)null!).AddBookData(options => { }))).Should().Throw<ArgumentNullException>();
    }
}
