using System.Data.Common;
using System.Globalization;
using System.Text;
using BookData.Connections;
using BookData.Providers;
using BookData.Text;
using Dapper;

namespace BookData.Books;

/// <summary>
/// Runs a title search (<see cref="BookRepository.SearchByTitleAsync"/>): the titles containing the text, by the
/// scan's LIKE predicate, found through the trigram index (migration 0002) when the text has at least
/// <see cref="MinIndexedCharacters"/> characters, and by reading every title otherwise.
/// </summary>
/// <remarks>
/// The index folds case more widely than LIKE does (all letters, not only ASCII ones), so it only proposes
/// candidates: every statement keeps the scan's exact predicate, and the answer, its order and its count are the
/// scan's. On SQLite the page itself is read the scan's way when the text matches many books: walking the titles
/// in order stops after the page, while the index's candidates would all have to be sorted first. A text in fewer titles
/// than the probe reads (<see cref="ProbeCandidates"/>) is answered by one statement over the probe's candidates, which
/// returns the page with the number of matches, so each candidate's row is looked up once, not once for the count and
/// again for the page. A text in most
/// titles (judged from how densely the index's first candidates lie) is answered by the scan alone, count included.
/// </remarks>
internal static class TitleSearch
{
    /// <summary>
    /// The shortest text the index can answer, in Unicode characters (code points, as the trigram tokenizer counts
    /// them, not UTF-16 code units): 3. Shorter texts have no trigram and are answered by the scan.
    /// </summary>
    public const int MinIndexedCharacters = 3;

    /// <summary>
    /// Above this many matches, SQLite reads the page by walking the title index in order (stopping once the
    /// page is full) instead of sorting every candidate the trigram index found.
    /// </summary>
    public const long SortedCandidatesLimit = 10_000;

    /// <summary>How many of the index's first candidates SQLite reads to judge how common the text is: 2,000.</summary>
    public const int ProbeCandidates = 2_000;

    /// <summary>
    /// The share of the books above which SQLite counts by reading every title rather than through the index: a quarter.
    /// Counting through the index looks up each candidate's row, a few times the work of reading it in a scan.
    /// </summary>
    public const double ScanShare = 0.25;

    /// <summary>
    /// Whether the index's first <see cref="ProbeCandidates"/> candidates, the last of them book
    /// <paramref name="lastCandidate"/>, lie so densely among the books (numbered from 1) that more than
    /// <see cref="ScanShare"/> of all books are likely candidates.
    /// </summary>
    public static bool IsCommon(long lastCandidate) => ProbeCandidates > ScanShare * lastCandidate;

    /// <summary>Reads one page of the search for <paramref name="normalized"/> (<see cref="CatalogText.Normalize"/>d text) and the total number of matches, from one snapshot.</summary>
    public static async Task<Page<BookSummary>> ReadPageAsync(
        DbConnection connection,
        CatalogProvider provider,
        string normalized,
        int pageNumber,
        int pageSize,
        CancellationToken cancellationToken)
    {
        if (!CanBeInATitle(normalized))
        {
            // SQLite would read a LIKE pattern only up to a NUL (and refuses one over 50,000 bytes); PostgreSQL refuses NUL.
            return new Page<BookSummary>([], pageNumber, pageSize, 0);
        }

        var pattern = LikePattern(normalized);
        if (!UsesIndex(normalized))
        {
            return await connection.ReadPageAsync<BookSummary>(
                BookSql.CountMatchingTitle, BookSql.SearchByTitle, new { Pattern = pattern }, pageNumber, pageSize, cancellationToken)
                .ConfigureAwait(false);
        }

        return await provider.ReadIndexedTitlePageAsync(connection, normalized, pattern, pageNumber, pageSize, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// SQLite's indexed search: the FTS5 trigram index's candidates, kept by the scan's exact predicate; a text in
    /// most titles is left to the scan, and a page of a text in many titles is read the scan's way.
    /// </summary>
    public static async Task<Page<BookSummary>> ReadSqliteIndexedPageAsync(
        DbConnection connection,
        string normalized,
        string pattern,
        int pageNumber,
        int pageSize,
        CancellationToken cancellationToken)
    {
        var indexed = new { Pattern = pattern, Trigrams = TrigramQuery(normalized) };
        using var snapshot = connection.BeginReadSnapshot();
        var candidates = (await connection.QueryAsync<long>(
            new CommandDefinition(BookSql.FirstTitleCandidatesSqlite, new { indexed.Trigrams, Limit = ProbeCandidates }, snapshot, cancellationToken: cancellationToken))
            .ConfigureAwait(false)).AsList();
        if (candidates.Count == ProbeCandidates && IsCommon(candidates[^1]))
        {
            // Most titles are candidates: the scan reads fewer rows than the index would look up one by one.
            snapshot.Commit();
            return await connection.ReadPageAsync<BookSummary>(
                BookSql.CountMatchingTitle, BookSql.SearchByTitle, new { Pattern = pattern }, pageNumber, pageSize, cancellationToken)
                .ConfigureAwait(false);
        }

        if (candidates.Count < ProbeCandidates)
        {
            // The probe read every candidate: the page and the count come from one statement over them.
            var page = await ReadAmongCandidatesAsync(connection, snapshot, candidates, pattern, pageNumber, pageSize, cancellationToken)
                .ConfigureAwait(false);
            snapshot.Commit();
            return page;
        }

        var total = await connection.ExecuteScalarAsync<long>(
            new CommandDefinition(BookSql.CountMatchingTitleIndexedSqlite, indexed, snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false);

        var offset = Page<BookSummary>.Offset(pageNumber, pageSize);
        IEnumerable<BookSummary> items = [];
        if (offset < total)
        {
            var parameters = new DynamicParameters(total > SortedCandidatesLimit ? new { Pattern = pattern } : indexed);
            parameters.Add("Limit", pageSize);
            parameters.Add("Offset", offset);
            items = await connection.QueryAsync<BookSummary>(
                new CommandDefinition(
                    total > SortedCandidatesLimit ? BookSql.SearchByTitle : BookSql.SearchByTitleIndexedSqlite,
                    parameters,
                    snapshot,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        snapshot.Commit();
        return new Page<BookSummary>(items.AsList(), pageNumber, pageSize, total);
    }

    /// <summary>
    /// One page and the number of matches among <paramref name="candidates"/> (every candidate the index has), read by
    /// one statement in <paramref name="snapshot"/>; a page past the last match counts them again, without the page.
    /// </summary>
    private static async Task<Page<BookSummary>> ReadAmongCandidatesAsync(
        DbConnection connection,
        DbTransaction snapshot,
        List<long> candidates,
        string pattern,
        int pageNumber,
        int pageSize,
        CancellationToken cancellationToken)
    {
        var ids = new StringBuilder((candidates.Count * 8) + 2).Append('[');
        foreach (var id in candidates)
        {
            ids.Append(ids.Length == 1 ? string.Empty : ",").Append(id.ToString(CultureInfo.InvariantCulture));
        }

        var parameters = new { Ids = ids.Append(']').ToString(), Pattern = pattern, Limit = pageSize, Offset = Page<BookSummary>.Offset(pageNumber, pageSize) };
        var rows = (await connection.QueryAsync<(long BookId, string Title, long AuthorId, string AuthorFirstName, string AuthorLastName, long Total)>(
            new CommandDefinition(BookSql.SearchByTitleAmongCandidatesSqlite, parameters, snapshot, cancellationToken: cancellationToken))
            .ConfigureAwait(false)).AsList();
        long total;
        if (rows.Count > 0)
        {
            total = rows[0].Total;
        }
        else if (parameters.Offset == 0)
        {
            total = 0;
        }
        else
        {
            total = await connection.ExecuteScalarAsync<long>(
                new CommandDefinition(BookSql.CountMatchingTitleAmongCandidatesSqlite, parameters, snapshot, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
        }

        var items = rows.ConvertAll(row => new BookSummary(row.BookId, row.Title, row.AuthorId, row.AuthorFirstName, row.AuthorLastName));
        return new Page<BookSummary>(items, pageNumber, pageSize, total);
    }

    /// <summary>
    /// Whether some title could hold <paramref name="normalized"/>: titles have no NUL character (every write path
    /// refuses control characters) and at most <see cref="CatalogText.MaxTitleLength"/> characters.
    /// </summary>
    public static bool CanBeInATitle(string normalized) =>
        !normalized.Contains('\0', StringComparison.Ordinal) && CatalogText.CountCharacters(normalized) <= CatalogText.MaxTitleLength;

    /// <summary>Whether the index can answer <paramref name="normalized"/> (text with no NUL character): it has at least <see cref="MinIndexedCharacters"/> code points.</summary>
    public static bool UsesIndex(string normalized)
    {
        if (normalized.Length < MinIndexedCharacters)
        {
            return false;
        }

        // Normalized text is valid UTF-16 (no lone surrogates), so each rune is one code point.
        var count = 0;
        foreach (var _ in normalized.EnumerateRunes())
        {
            if (++count == MinIndexedCharacters)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The LIKE pattern of titles containing <paramref name="normalized"/>: <c>%</c>, <c>_</c> and <c>\</c> match themselves.</summary>
    public static string LikePattern(string normalized) =>
        "%" + normalized.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";

    /// <summary>
    /// The most trigrams <see cref="TrigramQuery"/> asks the index for: 16. Each one is a list of titles the index reads
    /// and intersects with the others; 16 spread over a long text already leave few candidates for LIKE to check.
    /// </summary>
    public const int MaxQueryTrigrams = 16;

    /// <summary>
    /// The FTS5 query that finds the titles holding the trigrams of <paramref name="normalized"/> that cover it
    /// (at most <see cref="MaxQueryTrigrams"/> of them, spread from its start to its end, the first and the last always
    /// included): each trigram a string in double quotes with each double quote doubled, so every character inside
    /// is text, never query syntax, the strings joined by <c>AND</c>. The index stores trigrams without their
    /// positions (<c>detail=none</c>), so a phrase longer than one trigram cannot be asked; a title holding all of
    /// them is only a candidate, which the exact LIKE predicate then decides. Bound as a parameter, never spliced into SQL.
    /// </summary>
    /// <param name="normalized">Text for which <see cref="UsesIndex"/> is true.</param>
    /// <returns>The query, e.g. <c>"riv" AND "ver"</c> for <c>river</c>.</returns>
    public static string TrigramQuery(string normalized)
    {
        // Code point boundaries: the trigram tokenizer counts characters as code points, not UTF-16 code units.
        var starts = new List<int>(normalized.Length + 1);
        for (var i = 0; i < normalized.Length; i += char.IsHighSurrogate(normalized[i]) ? 2 : 1)
        {
            starts.Add(i);
        }

        starts.Add(normalized.Length);
        // Trigrams that cover the text without overlapping (from characters 0, 3, 6, ...) and the last one: every
        // character is in one, and half as many lists to read as every trigram (measured: 0.6 against 1.4 ms for a
        // ten-character text at 700,000 titles), while the candidates stay few.
        var last = starts.Count - 1 - MinIndexedCharacters;
        var trigrams = new List<string>();
        for (var i = 0; i <= last; i = i == last ? last + 1 : Math.Min(i + MinIndexedCharacters, last))
        {
            var trigram = normalized[starts[i]..starts[i + MinIndexedCharacters]];
            if (!trigrams.Contains(trigram, StringComparer.Ordinal))
            {
                trigrams.Add(trigram);
            }
        }

        var picked = trigrams.Count <= MaxQueryTrigrams
            ? trigrams
            : Enumerable.Range(0, MaxQueryTrigrams).Select(i => trigrams[(int)((long)i * (trigrams.Count - 1) / (MaxQueryTrigrams - 1))]).ToList();
        var query = new StringBuilder();
        foreach (var trigram in picked)
        {
            query.Append(query.Length == 0 ? "\"" : " AND \"").Append(trigram.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return query.ToString();
    }
}
