using BookData.Reports;
using BookData.Tests.Support;
using Dapper;

namespace BookData.Tests.Reports;

public sealed class SqliteCatalogReportsTests : CatalogReportsTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;

    [Fact]
    public async Task HierarchyPageStatement_QueryPlan_ReadsBooksLinksAndPublishersOnlyByKey()
    {
        await using var db = await TestDatabase.CreateAsync();
        await SampleCatalog.LoadAsync(db);
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("ANALYZE;");

        var plan = (await connection.QueryAsync(
            "EXPLAIN QUERY PLAN " + ReportSql.HierarchyPage,
            new { Limit = 20, Offset = 40L })).Select(row => (string)row.detail).ToList();

        plan.Should().NotBeEmpty();
        plan.Should().Contain(step => step.StartsWith("SEARCH b USING", StringComparison.Ordinal));
        plan.Should().Contain(step => step.StartsWith("SEARCH bp USING", StringComparison.Ordinal));
        plan.Should().Contain(step => step.StartsWith("SEARCH p USING", StringComparison.Ordinal));
        plan.Should().NotContain(step => step.StartsWith("SCAN b", StringComparison.Ordinal) || step.StartsWith("SCAN p ", StringComparison.Ordinal) || step == "SCAN p");
        // The page's authors come from the unique (last_name, first_name) index, in order, without a sort.
        plan.Should().Contain("SCAN author USING COVERING INDEX sqlite_autoindex_author_1");
    }
}
