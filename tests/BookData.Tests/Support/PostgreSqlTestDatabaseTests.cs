namespace BookData.Tests.Support;

[RequiresPostgreSql]
public sealed class PostgreSqlTestDatabaseTests : TestDatabaseTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;

    protected override Task<bool> ExistsAsync(TestDatabase database) =>
        PostgreSqlTestServer.DatabaseExistsAsync(database.DatabaseName!);

    [ProviderFact]
    public async Task Path_PostgreSqlDatabase_ThrowsNamingTheDatabase()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(Provider);

        var act = () => db.Path;

        act.Should().Throw<InvalidOperationException>().WithMessage($"*{db.DatabaseName}*");
    }
}
