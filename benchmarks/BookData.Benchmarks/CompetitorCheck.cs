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
        var raw = new CatalogBenchmarks();
        var library = new CatalogBenchmarks();
        var linq = new CatalogBenchmarks();
        var sql = new CatalogBenchmarks();
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
            ok &= await SameAsync(output, Operations.GetAuthorById, raw.GetAuthorById_RawAdoNet, library.GetAuthorById_BookData, linq.GetAuthorById_EfCoreLinq, sql.GetAuthorById_EfCoreRawSql);
            ok &= await SameAsync(output, Operations.TitleSearchPage, raw.TitleSearchPage_RawAdoNet, library.TitleSearchPage_BookData, linq.TitleSearchPage_EfCoreLinq, sql.TitleSearchPage_EfCoreRawSql);
            ok &= await SameAsync(output, Operations.BooksPerPublisher, raw.BooksPerPublisher_RawAdoNet, library.BooksPerPublisher_BookData, linq.BooksPerPublisher_EfCoreLinq, sql.BooksPerPublisher_EfCoreRawSql);
            foreach (var books in new[] { 10_000, 100_000 })
            {
                ok &= await SameAsync(
                    output,
                    $"{Operations.Hierarchy}({books})",
                    () => raw.Hierarchy_RawAdoNet(books),
                    () => library.Hierarchy_BookData(books),
                    () => linq.Hierarchy_EfCoreLinq(books),
                    () => sql.Hierarchy_EfCoreRawSql(books));
            }

            ok &= await SameAsync(output, Operations.AddBookNew, raw.AddBookNew_RawAdoNet, library.AddBookNew_BookData, linq.AddBookNew_EfCoreLinq, sql.AddBookNew_EfCoreRawSql);
            ok &= await SameAsync(output, Operations.AddBookExisting, raw.AddBookExisting_RawAdoNet, library.AddBookExisting_BookData, linq.AddBookExisting_EfCoreLinq, sql.AddBookExisting_EfCoreRawSql);
            ok &= await SameAsync(
                output,
                $"{Operations.Import} (the imported catalog, ids included)",
                () => ImportedAsync(raw, raw.Import_RawAdoNet),
                () => ImportedAsync(library, library.Import_BookData),
                () => ImportedAsync(linq, linq.Import_EfCoreLinq),
                () => ImportedAsync(sql, sql.Import_EfCoreRawSql));
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

    /// <summary>Imports into a fresh empty catalog and reads back everything the import wrote.</summary>
    private static async Task<IReadOnlyList<Reports.AuthorWithBooks>> ImportedAsync(CatalogBenchmarks competitor, Func<Task<long>> import)
    {
        competitor.CreateImportTarget();
        try
        {
            await import();
            return await competitor.ImportedCatalogAsync();
        }
        finally
        {
            competitor.DeleteImportTarget();
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
