using BookData.Books;
using BookData.Migrations;
using BookData.Tests.Support;
using BookData.Text;
using Dapper;

namespace BookData.Tests.Migrations;

/// <summary>
/// Migration 0002 (the title search index) applied to a catalog that migration 0001 created and that already holds
/// books: the data stays as it was and the index answers for every book at once.
/// </summary>
public abstract class TitleSearchUpgradeTests
{
    protected abstract BookDataProvider Provider { get; }

    /// <summary>Titles the index must fold, quote and escape as the scan does.</summary>
    private static readonly string[] ExtraTitles =
    [
        "100% River", "a_b River", "C:\\River", "Say \"river\"", "RIVER IN CAPITALS", "Rivière Été", "日本の川", "📚📚📚 river",
    ];

    /// <summary>A database at migration 0001 only, holding the sample catalog and <see cref="ExtraTitles"/>.</summary>
    protected async Task<TestDatabase> CreatePopulatedAtFirstVersionAsync()
    {
        var db = await TestDatabase.CreateEmptyAsync(Provider);
        try
        {
            var first = db.Factory.CatalogProvider.MigrationScripts.Take(1).ToArray();
            first.Select(script => script.Name).Should().Equal("0001_create_catalog.sql");
            await new BookDataMigrator(db.Factory, first).MigrateAsync();
            await SampleCatalog.LoadAsync(db);
            await using var connection = await db.OpenConnectionAsync();
            var authorId = await connection.ExecuteScalarAsync<long>("SELECT min(author_id) FROM author;");
            foreach (var title in ExtraTitles)
            {
                await connection.ExecuteAsync("INSERT INTO book (author_id, title) VALUES (@AuthorId, @Title);", new { AuthorId = authorId, Title = title });
            }

            (await db.TableExistsAsync("book_title_fts")).Should().BeFalse();
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    [ProviderFact]
    public async Task MigrateAsync_PopulatedCatalogAtFirstVersion_KeepsEveryRowAndIndexesEveryTitle()
    {
        await using var db = await CreatePopulatedAtFirstVersionAsync();
        var before = await CatalogDump.DataRowsAsync(db);
        var queries = new[] { "river", "RIVER", "100%", "a_b", "C:\\", "\"river\"", "été", "日本の", "📚📚📚", "Tale", "of", "e" };
        var scanBefore = await ScanAllAsync(db, queries);

        var result = await new BookDataMigrator(db.Factory).MigrateAsync();

        result.Applied.Should().Equal(BookDataMigrator.ScriptNames.Skip(1));
        (await CatalogDump.DataRowsAsync(db)).Should().Equal(before);
        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
        (await SearchAllAsync(db, queries)).Should().Equal(scanBefore);
        (await IndexUsedAsync(db)).Should().BeTrue();
        (await new BookDataMigrator(db.Factory).GetStatusAsync()).IsUpToDate.Should().BeTrue();
    }

    /// <summary>For each text, the scan's count and the ids of its first page, as one line.</summary>
    protected static async Task<IReadOnlyList<string>> ScanAllAsync(TestDatabase db, IEnumerable<string> texts)
    {
        var lines = new List<string>();
        await using var connection = await db.OpenConnectionAsync();
        foreach (var text in texts)
        {
            var pattern = TitleSearch.LikePattern(CatalogText.Normalize(text));
            var total = await connection.ExecuteScalarAsync<long>(BookSql.CountMatchingTitle, new { Pattern = pattern });
            var ids = await connection.QueryAsync<long>(
                "SELECT BookId FROM (" + BookSql.SearchByTitle.TrimEnd().TrimEnd(';') + ") AS page;",
                new { Pattern = pattern, Limit = 50, Offset = 0 });
            lines.Add($"{text}: {total}: {string.Join(',', ids)}");
        }

        return lines;
    }

    /// <summary>The same lines as <see cref="ScanAllAsync"/>, from <see cref="BookRepository.SearchByTitleAsync"/>.</summary>
    protected static async Task<IReadOnlyList<string>> SearchAllAsync(TestDatabase db, IEnumerable<string> texts)
    {
        var books = new BookRepository(db.Factory);
        var lines = new List<string>();
        foreach (var text in texts)
        {
            var page = await books.SearchByTitleAsync(text);
            lines.Add($"{text}: {page.TotalCount}: {string.Join(',', page.Items.Select(book => book.BookId))}");
        }

        return lines;
    }

    /// <summary>Whether the plan of an indexed search reads the title search index.</summary>
    private async Task<bool> IndexUsedAsync(TestDatabase db)
    {
        await using var connection = await db.OpenConnectionAsync();
        if (Provider == BookDataProvider.Sqlite)
        {
            var rows = (await connection.QueryAsync("EXPLAIN QUERY PLAN " + BookSql.CountMatchingTitleIndexedSqlite, new { Pattern = "%river%", Trigrams = TitleSearch.TrigramQuery("river") }))
                .Select(row => (string)((IDictionary<string, object>)row)["detail"]);
            return rows.Any(detail => detail.StartsWith("SCAN f VIRTUAL TABLE INDEX", StringComparison.Ordinal));
        }

        // A small table is cheaper to read whole: only the plans that go through an index condition are left.
        await connection.ExecuteAsync("SET enable_seqscan = off; SET enable_indexscan = off; SET enable_indexonlyscan = off;");
        var lines = await connection.QueryAsync<string>("EXPLAIN " + BookData.PostgreSql.PostgreSqlCatalogSql.CountMatchingTitleIndexed.Replace("@Pattern", "'%river%'", StringComparison.Ordinal));
        return lines.Any(line => line.Contains("ix_book_title_trgm", StringComparison.Ordinal));
    }
}
