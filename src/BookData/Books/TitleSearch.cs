using System.Data.Common;
using System.Text;
using BookData.Connections;
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
/// in order stops after the page, while the index's candidates would all have to be sorted first. A text in most
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
        BookDataProvider provider,
        string normalized,
        int pageNumber,
        int pageSize,
        CancellationToken cancellationToken)
    {
        var pattern = LikePattern(normalized);
        if (!UsesIndex(normalized))
        {
            return await connection.ReadPageAsync<BookSummary>(
                BookSql.CountMatchingTitle, BookSql.SearchByTitle, new { Pattern = pattern }, pageNumber, pageSize, cancellationToken)
                .ConfigureAwait(false);
        }

        if (provider == BookDataProvider.PostgreSql)
        {
            return await connection.ReadPageAsync<BookSummary>(
                BookSql.CountMatchingTitleIndexedPostgreSql, BookSql.SearchByTitleIndexedPostgreSql, new { Pattern = pattern }, pageNumber, pageSize, cancellationToken)
                .ConfigureAwait(false);
        }

        var indexed = new { Pattern = pattern, Phrase = Phrase(normalized) };
        using var snapshot = connection.BeginReadSnapshot();
        var candidates = (await connection.QueryAsync<long>(
            new CommandDefinition(BookSql.FirstTitleCandidatesSqlite, new { indexed.Phrase, Limit = ProbeCandidates }, snapshot, cancellationToken: cancellationToken))
            .ConfigureAwait(false)).AsList();
        if (candidates.Count == ProbeCandidates && IsCommon(candidates[^1]))
        {
            // Most titles are candidates: the scan reads fewer rows than the index would look up one by one.
            snapshot.Commit();
            return await connection.ReadPageAsync<BookSummary>(
                BookSql.CountMatchingTitle, BookSql.SearchByTitle, new { Pattern = pattern }, pageNumber, pageSize, cancellationToken)
                .ConfigureAwait(false);
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

    /// <summary>Whether the index can answer <paramref name="normalized"/>: it has at least <see cref="MinIndexedCharacters"/> code points and no NUL character.</summary>
    public static bool UsesIndex(string normalized)
    {
        // FTS5 reads a query string only up to a NUL character: such a text is left to the scan.
        if (normalized.Length < MinIndexedCharacters || normalized.Contains('\0', StringComparison.Ordinal))
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
    /// <paramref name="normalized"/> as one FTS5 phrase, a string in double quotes with each double quote doubled:
    /// every character inside is text, never query syntax. Bound as a parameter, never spliced into SQL.
    /// </summary>
    public static string Phrase(string normalized) =>
        new StringBuilder(normalized.Length + 2).Append('"').Append(normalized.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
}
