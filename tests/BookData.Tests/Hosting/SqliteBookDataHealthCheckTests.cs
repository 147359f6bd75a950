using System.Security.Cryptography;
using BookData.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BookData.Tests.Hosting;

public sealed class SqliteBookDataHealthCheckTests : BookDataHealthCheckTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;

    [ProviderFact]
    public async Task CheckHealthAsync_MissingDatabaseFile_IsUnhealthyAndCreatesNoFile()
    {
        await using var database = TestDatabase.CreateEmpty();

        var result = await CheckAsync(database);

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("cannot be opened").And.Contain(database.Path);
        result.Exception.Should().BeOfType<BookDataDatabaseException>();
        File.Exists(database.Path).Should().BeFalse();
    }

    [ProviderFact]
    public async Task CheckHealthAsync_FileIsNotADatabase_IsUnhealthyAndSaysSo()
    {
        await using var database = TestDatabase.CreateEmpty();
        var garbage = RandomNumberGenerator.GetBytes(8192);
        await File.WriteAllBytesAsync(database.Path, garbage);

        var result = await CheckAsync(database);

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("cannot be opened").And.Contain("not a SQLite database");
        (await File.ReadAllBytesAsync(database.Path)).Should().Equal(garbage);
    }
}
