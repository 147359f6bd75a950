using BookData.Web.Tests.Support;
using Microsoft.Extensions.Options;

namespace BookData.Web.Tests.Hosting;

/// <summary>The web app's startup never shows a connection string's password, in the exception or in the logs.</summary>
public sealed class SecretRedactionTests
{
    [Theory]
    [InlineData("Host=db;Password=hunter2;;=x")]
    [InlineData("Data Source=catalog.db;Password=hunter2;Not A Keyword=1")]
    [InlineData("Host=db;PWD=hunter2;Port=not-a-number;Database=catalog")]
    public async Task Start_MalformedConnectionStringWithPassword_FailsWithoutShowingThePassword(string connectionString)
    {
        await using var factory = new MalformedConnectionAppFactory(connectionString);

        var act = () => factory.CreateClient();

        var error = act.Should().Throw<OptionsValidationException>().Which;
        error.Message.Should().Contain("BookData:ConnectionString");
        error.ToString().Should().NotContain("hunter2");
        factory.Logs.Entries.Select(entry => entry.ToString()).Should().NotContain(line => line.Contains("hunter2", StringComparison.Ordinal));
    }

    private sealed class MalformedConnectionAppFactory(string connectionString) : CatalogAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["ConnectionStrings:BookData"] = connectionString,
        };
    }
}
