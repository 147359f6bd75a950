using BookData.Books;
using BookData.Text;

namespace BookData.Benchmarks.RawAdoNet;

/// <summary>
/// The title search as the LIKE scan BookData's index replaced, by hand: BookData's scan statements run with
/// <see cref="Microsoft.Data.Sqlite.SqliteCommand"/>, the count and the first page from one snapshot.
/// </summary>
internal static class RawTitleSearch
{
    public static async Task<Page<BookSummary>> FirstPageAsync(RawConnections connections, string text, int pageSize)
    {
        var pattern = TitleSearch.LikePattern(CatalogText.Normalize(text));
        await using var connection = await connections.OpenAsync();

        // Count and page from one snapshot: a deferred read transaction, as BookData reads a page.
        using var snapshot = connection.BeginTransaction(deferred: true);
        long total;
        await using (var count = connection.CreateCommand())
        {
            count.Transaction = snapshot;
            count.CommandText = BookSql.CountMatchingTitle;
            count.Parameters.AddWithValue("@Pattern", pattern);
            total = (long)(await count.ExecuteScalarAsync())!;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = BookSql.SearchByTitle;
        command.Parameters.AddWithValue("@Pattern", pattern);
        command.Parameters.AddWithValue("@Limit", pageSize);
        command.Parameters.AddWithValue("@Offset", 0L);
        var items = new List<BookSummary>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                items.Add(new BookSummary(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4)));
            }
        }

        snapshot.Commit();
        return new Page<BookSummary>(items, 1, pageSize, total);
    }
}
