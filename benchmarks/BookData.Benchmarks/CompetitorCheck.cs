using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;

namespace BookData.Benchmarks;

/// <summary>
/// Runs every operation once per competitor, each on its own copy of the catalog, and checks that all
/// of them return the same result as the raw ADO.NET baseline (compared as JSON), so the suite times equal work.
/// </summary>
public static class CompetitorCheck
{
    public static async Task<bool> RunAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var raw = new RawAdoNetBenchmarks();
        var library = new BookDataBenchmarks();
        var linq = new EfCoreBenchmarks();
        var sql = new EfCoreBenchmarks();
        CatalogBenchmarks[] all = [raw, library, linq, sql];
        var setup = Stopwatch.StartNew();
        foreach (var competitor in all)
        {
            competitor.GlobalSetup();
        }

        await output.WriteLineAsync($"check: catalogs ready in {setup.Elapsed.TotalSeconds:F1} s");

        try
        {
            var ok = true;
            ok &= await SameAsync(output, Operations.GetAuthorById, raw.GetAuthorById, library.GetAuthorById, linq.GetAuthorByIdLinq, sql.GetAuthorByIdRawSql);
            ok &= await SameAsync(output, Operations.TitleSearchPage, raw.TitleSearchPage, library.TitleSearchPage, linq.TitleSearchPageLinq, sql.TitleSearchPageRawSql);
            ok &= await SameAsync(output, Operations.BooksPerPublisher, raw.BooksPerPublisher, library.BooksPerPublisher, linq.BooksPerPublisherLinq, sql.BooksPerPublisherRawSql);
            foreach (var books in new[] { 10_000, 100_000 })
            {
                ok &= await SameAsync(
                    output,
                    $"{Operations.Hierarchy}({books})",
                    () => raw.Hierarchy(books),
                    () => library.Hierarchy(books),
                    () => linq.HierarchyLinq(books),
                    () => sql.HierarchyRawSql(books));
            }

            ok &= await SameAsync(output, Operations.AddBookNew, raw.AddBookNew, library.AddBookNew, linq.AddBookNewLinq, sql.AddBookNewRawSql);
            ok &= await SameAsync(output, Operations.AddBookExisting, raw.AddBookExisting, library.AddBookExisting, linq.AddBookExistingLinq, sql.AddBookExistingRawSql);
            return ok;
        }
        finally
        {
            foreach (var competitor in all)
            {
                competitor.GlobalCleanup();
            }
        }
    }

    private static async Task<bool> SameAsync<T>(TextWriter output, string operation, params Func<Task<T>>[] competitors)
    {
        var fingerprints = new List<(string Fingerprint, int Count)>();
        var elapsed = new List<string>();
        foreach (var competitor in competitors)
        {
            var stopwatch = Stopwatch.StartNew();
            var result = await competitor();
            elapsed.Add($"{stopwatch.Elapsed.TotalMilliseconds:F0} ms");
            var json = JsonSerializer.SerializeToUtf8Bytes(result);
            var count = result is System.Collections.ICollection collection ? collection.Count : 1;
            fingerprints.Add((Convert.ToHexString(SHA256.HashData(json))[..16], count));
        }

        var same = fingerprints.All(f => f == fingerprints[0]);
        await output.WriteLineAsync(
            $"check {operation}: {(same ? "same result" : "DIFFERENT RESULTS")} from all {competitors.Length} competitors ({fingerprints[0].Fingerprint}, {fingerprints[0].Count} rows; first calls {string.Join(", ", elapsed)})");
        return same;
    }
}
