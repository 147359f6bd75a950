using BookData.Authors;
using BookData.Books;
using BookData.Connections;
using BookData.Migrations;
using BookData.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BookData.Tests.Hosting;

/// <summary>PostgreSQL chosen explicitly, as an application does it: through DI and through the options.</summary>
[RequiresPostgreSql]
public sealed class PostgreSqlRegistrationTests
{
    [ProviderFact]
    public async Task AddBookData_UsePostgreSql_MigratesAtStartupAndWritesToTheServer()
    {
        await using var database = TestDatabase.CreateMissing(BookDataProvider.PostgreSql);
        var logs = new LogCollector();
        using var host = TestHost.Build(logs, services => services
            .AddBookData(options =>
            {
                options.ConnectionString = database.Options.ConnectionString;
                options.MigrateOnStartup = true;
            })
            .UsePostgreSql());

        await host.StartAsync();
        var factory = host.Services.GetRequiredService<BookDataConnectionFactory>();
        var result = await host.Services.GetRequiredService<BookRepository>()
            .AddBookAsync(AuthorName.Create("Stephen", "King"), "The Stand", "Random House");
        await host.StopAsync();

        factory.Provider.Should().Be(BookDataProvider.PostgreSql);
        result.Changed.Should().BeTrue();
        (await database.ExistsAsync()).Should().BeTrue();
        (await database.CountAsync("schema_version")).Should().Be(BookDataMigrator.ScriptNames.Count);
        (await database.CountAsync("book")).Should().Be(1);
    }

    [ProviderFact]
    public async Task Options_UsePostgreSql_MigratesAndWritesWithoutDependencyInjection()
    {
        await using var database = TestDatabase.CreateMissing(BookDataProvider.PostgreSql);
        var options = new BookDataOptions { ConnectionString = database.Options.ConnectionString }.UsePostgreSql();
        var factory = new BookDataConnectionFactory(options);

        var migrated = await new BookDataMigrator(factory).MigrateAsync();
        var author = await new AuthorRepository(factory).AddAsync("Ursula", "Le Guin");

        factory.Provider.Should().Be(BookDataProvider.PostgreSql);
        migrated.Applied.Should().Equal(BookDataMigrator.ScriptNames);
        (await new AuthorRepository(factory).GetByIdAsync(author.AuthorId)).Should().Be(author);
        (await database.CountAsync("author")).Should().Be(1);
    }
}
