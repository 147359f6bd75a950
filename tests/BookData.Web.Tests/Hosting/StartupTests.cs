using System.Net;
using System.Net.Http.Json;
using BookData.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BookData.Web.Tests.Hosting;

public sealed class StartupTests
{
    [Fact]
    public async Task Start_MigrateOnStartupOnNewDatabase_LogsEachAppliedScriptOnce()
    {
        await using var factory = new InformationLogsAppFactory();
        factory.CreateClient();

        var scripts = BookData.Migrations.BookDataMigrator.ScriptNames;
        scripts.Should().NotBeEmpty();
        foreach (var script in scripts)
        {
            factory.Logs.Entries.Where(entry => entry.Message.Contains(script, StringComparison.Ordinal))
                .Should().ContainSingle($"{script} is applied once and logged once")
                .Which.Level.Should().Be(LogLevel.Information);
        }
    }

    [Fact]
    public async Task Start_NoApiKeyConfigured_GeneratesKeyLogsItOnceAndWritesNeedIt()
    {
        await using var factory = new NoKeyAppFactory();
        var anonymous = factory.CreateClient();

        var entries = factory.Logs.Entries.Where(entry => entry.EventId.Name == "GeneratedEditorKey").ToArray();
        entries.Should().ContainSingle().Which.Level.Should().Be(LogLevel.Warning);
        var key = entries[0].Message[(entries[0].Message.LastIndexOf(' ') + 1)..];
        key.Length.Should().BeGreaterThanOrEqualTo(40);
        using var without = await anonymous.PostAsJsonAsync("/api/books", new { author = "Key Less", title = "Keyless", publisher = "Open Press" });
        var editor = factory.CreateClient();
        editor.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var with = await editor.PostAsJsonAsync("/api/books", new { author = "Key Ful", title = "Keyed", publisher = "Locked Press" });

        without.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        with.StatusCode.Should().Be(HttpStatusCode.Created);
        (await Catalog.HasTitleAsync(factory, "Keyless")).Should().BeFalse();
    }

    [Fact]
    public async Task Start_NoConnectionString_CreatesSeededDatabaseInAppDataFolder()
    {
        var contentRoot = Directory.CreateTempSubdirectory("bookdata-web-root-");
        try
        {
            await using (var factory = new DefaultDatabaseAppFactory(contentRoot.FullName))
            {
                var html = await factory.CreateClient().GetStringAsync("/");

                html.Should().Contain("<strong>10</strong> books");
            }

            File.Exists(Path.Combine(contentRoot.FullName, "App_Data", "bookdata.db")).Should().BeTrue();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            contentRoot.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Start_ConfiguredDatabaseWithoutSeedSetting_IsNotSeeded()
    {
        await using var factory = new UnseededAppFactory();

        using var response = await factory.CreateClient().GetAsync("/api/books");
        var counts = await Catalog.CountsAsync(factory);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        counts.Books.Should().Be(0);
        counts.Authors.Should().Be(0);
    }

    [Fact]
    public async Task Start_ApiKeyShorterThan16Characters_FailsNamingTheSetting()
    {
        await using var factory = new ShortKeyAppFactory();

        var act = () => factory.CreateClient();

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("BookData:ApiKey");
    }

    private sealed class InformationLogsAppFactory : CatalogAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" };
    }

    private sealed class NoKeyAppFactory : CatalogAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["BookData:ApiKey"] = null };
    }

    private sealed class UnseededAppFactory : CatalogAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["BookData:SeedSampleData"] = null };
    }

    private sealed class ShortKeyAppFactory : CatalogAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["BookData:ApiKey"] = "short" };
    }

    private sealed class DefaultDatabaseAppFactory(string contentRoot) : CatalogAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["ConnectionStrings:BookData"] = null,
            ["BookData:SeedSampleData"] = null,
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseContentRoot(contentRoot);
        }
    }
}
