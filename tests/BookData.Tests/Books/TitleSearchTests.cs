using System.Globalization;
using BookData.Books;
using BookData.Tests.Support;
using BookData.Text;
using CsCheck;
using Dapper;

namespace BookData.Tests.Books;

/// <summary>
/// The indexed title search (migration 0002) against the scan it replaces: the scan's LIKE statement, run directly,
/// is the oracle for the books, their order and the count, for any title and any text.
/// </summary>
public abstract class TitleSearchTests
{
    protected abstract BookDataProvider Provider { get; }

    private int Iterations(int sqlite, int postgreSql) => Provider == BookDataProvider.PostgreSql ? postgreSql : sqlite;

    private static readonly string[] Fragments =
    [
        "a", "A", "b", "Z", "the", "The", "THE", "river", " ", "'", "\"", "\"\"", "%", "_", "\\", "*", "-", "^", ":", "(", ")",
        "NEAR", "AND", "OR", "NOT", "é", "É", "e\u0301", "日本", "語", "📚", "🔥", "Ω", "ω", "ß", "SS", "İ", "ı", "K", "\u212A", "ﬁ", "fi",
    ];

    private static readonly Gen<string> FragmentText =
        Gen.Int[0, Fragments.Length - 1].Array[1, 8].Select(indexes => string.Concat(indexes.Select(i => Fragments[i])));

    /// <summary>Titles as the library stores them: normalized, 1 to 500 characters, no control characters; null when the text is not one.</summary>
    private static string? AsTitle(string text)
    {
        try
        {
            var title = CatalogText.Normalize(text);
            return title.Length is > 0 and <= CatalogText.MaxTitleLength && !title.Any(char.IsControl) ? title : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [ProviderFact]
    public async Task SearchByTitleAsync_RandomTitlesAndTexts_EqualsTheLikeScan()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var books = new BookRepository(db.Factory);
        var authorId = await AddAuthorAsync(db);
        var anyText = Gen.OneOf(FragmentText, FragmentText, Gen.String[1, 12], Gen.String.AlphaNumeric);

        // A text: a random substring of a title (any case), or a random text of its own.
        var sample = Gen.Select(anyText.Array[1, 6], Gen.Int[0, 3].Array[1, 4], Gen.Int.Array[4], Gen.Int.Array[4], anyText);
        await sample.SampleAsync(
            async (texts, kinds, starts, lengths, own) =>
            {
                var titles = texts.Select(AsTitle).OfType<string>().ToArray();
                await InsertTitlesAsync(db, authorId, titles);
                var queries = new List<string> { own };
                for (var i = 0; i < kinds.Length && titles.Length > 0; i++)
                {
                    var title = titles[(int)((uint)starts[i] % titles.Length)];
                    var start = (int)((uint)starts[i] % title.Length);
                    var length = (int)((uint)lengths[i] % (title.Length - start + 1));
                    var part = title.Substring(start, length);
                    queries.Add(kinds[i] switch
                    {
                        0 => part,
                        1 => part.ToUpperInvariant(),
                        2 => part.ToLowerInvariant(),
                        _ => " " + part + "  ",
                    });
                }

                foreach (var query in queries)
                {
                    await AssertSameAsScanAsync(db, books, query);
                }
            },
            iter: Iterations(sqlite: 150, postgreSql: 40),
            threads: 1);

        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
    }

    [ProviderTheory]
    [InlineData("\"")]
    [InlineData("\"\"\"")]
    [InlineData("a\" OR \"b")]
    [InlineData("riv*")]
    [InlineData("NEAR(river sea)")]
    [InlineData("title: river")]
    [InlineData("-river")]
    [InlineData("^river")]
    [InlineData("river AND sea")]
    [InlineData("100%")]
    [InlineData("a_b")]
    [InlineData("C:\\")]
    [InlineData("📚📚")]
    [InlineData("📚📚📚")]
    [InlineData("é")]
    [InlineData("ÉTÉ")]
    [InlineData("ﬁ")]
    [InlineData("\u212Aey")]
    public async Task SearchByTitleAsync_QuerySyntaxAndShortTexts_MatchOnlyAsTheScanDoes(string text)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var authorId = await AddAuthorAsync(db);
        await InsertTitlesAsync(db, authorId,
        [
            "The River and the Sea", "riv* river", "NEAR(river sea)", "title: river", "-river ^river", "river AND sea",
            "Say \"hello\"", "Quotes \"\"\" three", "a\" OR \"b", "100% Pure", "100 Pure", "a_b", "axb", "C:\\Windows",
            "📚📚📚 Books", "📚📚 Two", "L'été", "ÉTÉ", "été", "ﬁsh", "fish", "\u212Aey", "Key", "key",
        ]);

        await AssertSameAsScanAsync(db, new BookRepository(db.Factory), text);
    }

    /// <summary>
    /// No title holds a NUL character or more than 500 characters, so such a text finds nothing: SQLite's LIKE would read
    /// the pattern only up to the NUL (<c>ng\0zzz</c> as "ends with ng", <c>\0zzz</c> as every title) and refuses a
    /// pattern over 50,000 bytes, and PostgreSQL refuses NUL in text.
    /// </summary>
    [ProviderTheory]
    [InlineData("ng\u0000zzz")]
    [InlineData("\u0000zzzz")]
    [InlineData("The Stand\u0000")]
    [InlineData("\u0000")]
    [InlineData("ri\u0000")]
    [InlineData("x", 501)]
    [InlineData("x", 60_000)]
    [InlineData("ab", 25_001)]
    public async Task SearchByTitleAsync_TextNoTitleCanHold_FindsNothing(string text, int repeat = 1)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var books = new BookRepository(db.Factory);
        var authorId = await AddAuthorAsync(db);
        await InsertTitlesAsync(db, authorId, ["The Shining", "The Stand", "ring", "xxx", new string('x', CatalogText.MaxTitleLength), "abab"]);
        var query = string.Concat(Enumerable.Repeat(text, repeat));

        var page = await books.SearchByTitleAsync(query, 1, 10);

        page.TotalCount.Should().Be(0);
        page.Items.Should().BeEmpty();
        (await books.SearchByTitleAsync(new string('x', CatalogText.MaxTitleLength))).TotalCount.Should().Be(1, "a text as long as a title can be is searched");
    }

    [ProviderFact]
    public async Task SearchByTitleAsync_LoneSurrogate_ThrowsArgumentExceptionNamingTheText()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var books = new BookRepository(db.Factory);

        var act = () => books.SearchByTitleAsync("ab\uD800cd");

        (await act.Should().ThrowAsync<ArgumentException>())
            .Where(e => e.ParamName == "text" && e.Message.Contains("lone surrogate U+D800 at character 3", StringComparison.Ordinal));
    }

    [ProviderFact]
    public async Task SearchByTitleAsync_AfterAddRenameAndDelete_FindsTheCurrentTitles()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var books = new BookRepository(db.Factory);
        var authorId = await AddAuthorAsync(db);
        var kept = await books.AddAsync(authorId, "Old Harbour Lights");
        var renamed = await books.AddAsync(authorId, "Harbour Days");
        var deleted = await books.AddAsync(authorId, "Harbour Nights");

        await books.RenameAsync(renamed.BookId, "Mountain Days");
        await books.DeleteAsync(deleted.BookId);

        (await books.SearchByTitleAsync("harbour")).Items.Select(book => book.BookId).Should().Equal(kept.BookId);
        (await books.SearchByTitleAsync("mountain")).Items.Select(book => book.BookId).Should().Equal(renamed.BookId);
        (await books.SearchByTitleAsync("nights")).TotalCount.Should().Be(0);
        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
    }

    [ProviderFact]
    public async Task SearchByTitleAsync_PagesOfAnIndexedText_AreThePagesOfTheScan()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var books = new BookRepository(db.Factory);
        var authorId = await AddAuthorAsync(db);
        await InsertTitlesAsync(db, authorId, Enumerable.Range(0, 57).Select(i => $"Book {i % 7} of the Sea {i:D3}").ToArray());

        foreach (var pageNumber in new[] { 1, 2, 3, 4, 9 })
        {
            await AssertPageAsync(db, books, "OF THE", pageNumber, 20);
        }
    }

    /// <summary>
    /// The index is asked for a text's trigrams, not for the text: a title holding every trigram of the text, but not
    /// the text, is not found; nor is one holding the text with other non-ASCII letters' case. Long texts (hundreds of
    /// trigrams, more than FTS5's expression depth allows) are asked through some of their trigrams and decided by LIKE.
    /// </summary>
    [ProviderFact]
    public async Task SearchByTitleAsync_TrigramsWithoutTheText_OrLongTexts_AreTheScans()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var books = new BookRepository(db.Factory);
        var authorId = await AddAuthorAsync(db);
        var longTitle = string.Concat(Enumerable.Range(0, 36).Select(i => $"Wörd \"{i}\" 📚 ")).Trim();
        await InsertTitlesAsync(db, authorId,
        [
            "rivXX iveYY verZZ", "The River", "ÉTÉ", "été", longTitle, longTitle[..^3] + "xyz", longTitle[1..],
        ]);

        foreach (var text in new[] { "river", "RIVER", "été", "ÉTÉ", longTitle, longTitle[..^3], longTitle[100..400], longTitle.ToUpperInvariant() })
        {
            await AssertSameAsScanAsync(db, books, text);
        }

        (await books.SearchByTitleAsync("river")).Items.Select(book => book.Title).Should().Equal("The River");
        (await books.SearchByTitleAsync(longTitle)).Items.Select(book => book.Title).Should().Equal(longTitle);
    }

    /// <summary>
    /// A text in most titles (on SQLite the index's first 2,000 candidates lie densely, so the scan answers) and one in
    /// a few thousand of them (the index counts): every page is the scan's.
    /// </summary>
    [ProviderFact]
    public async Task SearchByTitleAsync_TextInThousandsOfTitles_EveryPageIsTheScans()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var books = new BookRepository(db.Factory);
        var authorId = await AddAuthorAsync(db);
        await InsertTitlesAsync(db, authorId, Enumerable.Range(0, 6_000)
            .Select(i => i % 3 == 0 ? $"Rare Word {i:D5}" : $"The Common Tale {i:D5}").ToArray());

        foreach (var text in new[] { "common tale", "RARE WORD", "0001" })
        {
            foreach (var (pageNumber, pageSize) in new[] { (1, 50), (3, 1000), (80, 50) })
            {
                await AssertPageAsync(db, books, text, pageNumber, pageSize);
            }
        }
    }

    /// <summary>
    /// A text in few titles (every candidate read by the probe, the page and the count from one statement): titles that
    /// tie under the title's collation (case only) by authors whose names tie too are paged in the scan's order, and a
    /// page past the last match still carries the count.
    /// </summary>
    [ProviderFact]
    public async Task SearchByTitleAsync_FewMatchesWithTies_EveryPageAndCountIsTheScans()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var books = new BookRepository(db.Factory);
        await using (var connection = await db.OpenConnectionAsync())
        {
            foreach (var (first, last) in new[] { ("Bea", "Zed"), ("Al", "Zed"), ("Cy", "Abe"), ("", "Abe") })
            {
                var authorId = await connection.ExecuteScalarAsync<long>(
                    "INSERT INTO author (first_name, last_name) VALUES (@First, @Last) RETURNING author_id;", new { First = first, Last = last });
                foreach (var title in new[] { "Harbour Lights", "HARBOUR lights", "harbour Days", "Old Harbour", "Harbourmaster" })
                {
                    await connection.ExecuteAsync(
                        "INSERT INTO book (author_id, title) VALUES (@AuthorId, @Title) ON CONFLICT DO NOTHING;",
                        new { AuthorId = authorId, Title = title + (first.Length == 0 ? " " + last : string.Empty) });
                }
            }
        }

        foreach (var text in new[] { "harbour", "LIGHTS", "bour da", "no such title" })
        {
            foreach (var pageNumber in new[] { 1, 2, 3, 5, 50 })
            {
                await AssertPageAsync(db, books, text, pageNumber, 3);
            }
        }

        (await books.SearchByTitleAsync("harbour", 50, 3)).TotalCount.Should().Be(16);
    }

    /// <summary>
    /// One page of the repository's search (ASCII titles only) is the scan's page, and both are the page worked out
    /// here from every book, without the library's statements: the titles holding the text with ASCII letters' case
    /// folded, ordered by title, the author's last and first name (case folded as well), then id. The scan's
    /// statement answers some texts itself, so it is checked too.
    /// </summary>
    private static async Task AssertPageAsync(TestDatabase db, BookRepository books, string text, int pageNumber, int pageSize)
    {
        var page = await books.SearchByTitleAsync(text, pageNumber, pageSize);
        var scan = await ScanAsync(db, text, pageSize, (pageNumber - 1) * pageSize);
        var rows = await CatalogDump.QueryAsync(db, "SELECT b.book_id, b.title, a.last_name, a.first_name FROM book AS b JOIN author AS a ON a.author_id = b.author_id");
        rows.SelectMany(row => row[1]).Should().OnlyContain(c => char.IsAscii(c), "the oracle folds ASCII letters only");
        var needle = FoldAscii(CatalogText.Normalize(text));
        var matches = rows
            .Where(row => FoldAscii(row[1]).Contains(needle, StringComparison.Ordinal))
            .OrderBy(row => FoldAscii(row[1]), StringComparer.Ordinal)
            .ThenBy(row => FoldAscii(row[2]), StringComparer.Ordinal)
            .ThenBy(row => FoldAscii(row[3]), StringComparer.Ordinal)
            .ThenBy(row => long.Parse(row[0], CultureInfo.InvariantCulture))
            .Select(row => long.Parse(row[0], CultureInfo.InvariantCulture))
            .ToArray();

        page.TotalCount.Should().Be(matches.Length, "the count for {0}, page {1}", text, pageNumber);
        page.Items.Select(book => book.BookId).Should().Equal(matches.Skip((pageNumber - 1) * pageSize).Take(pageSize), "page {0} of {1}", pageNumber, text);
        scan.Total.Should().Be(page.TotalCount, "the scan's count for {0}", text);
        scan.Ids.Should().Equal(page.Items.Select(book => book.BookId), "the scan's page {0} of {1}", pageNumber, text);
    }

    private static string FoldAscii(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] + ('a' - 'A')) : source[i];
        }
    });

    /// <summary>The repository's search equals the scan's statement run directly: same count, same books in the same order.</summary>
    private static async Task AssertSameAsScanAsync(TestDatabase db, BookRepository books, string text)
    {
        string normalized;
        try
        {
            normalized = CatalogText.Normalize(text);
        }
        catch (ArgumentException)
        {
            await FluentActions.Awaiting(() => books.SearchByTitleAsync(text)).Should().ThrowAsync<ArgumentException>();
            return;
        }

        var page = await books.SearchByTitleAsync(text, 1, Page<BookSummary>.MaxPageSize);
        var scan = await ScanAsync(db, normalized, Page<BookSummary>.MaxPageSize, 0);
        page.TotalCount.Should().Be(scan.Total, "the count for {0} ({1} code points)", text, normalized.EnumerateRunes().Count());
        page.Items.Select(book => book.BookId).Should().Equal(scan.Ids, "the books for {0}", text);
    }

    /// <summary>The scan as it was before the index: the LIKE statements, run directly.</summary>
    private static async Task<(long Total, IReadOnlyList<long> Ids)> ScanAsync(TestDatabase db, string normalized, int limit, int offset)
    {
        if (normalized.Contains('\0', StringComparison.Ordinal))
        {
            // The titles here hold no NUL; LIKE itself cannot say so (SQLite cuts the pattern at the NUL).
            return (0, []);
        }

        var pattern = TitleSearch.LikePattern(CatalogText.Normalize(normalized));
        await using var connection = await db.OpenConnectionAsync();
        var total = await connection.ExecuteScalarAsync<long>(BookSql.CountMatchingTitle, new { Pattern = pattern });
        var ids = (await connection.QueryAsync<BookSummary>(BookSql.SearchByTitle, new { Pattern = pattern, Limit = limit, Offset = offset }))
            .Select(book => book.BookId).ToArray();
        return (total, ids);
    }

    private static async Task<long> AddAuthorAsync(TestDatabase db)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            "INSERT INTO author (first_name, last_name) VALUES ('Ann', 'Writer') RETURNING author_id;");
    }

    private static async Task InsertTitlesAsync(TestDatabase db, long authorId, IReadOnlyList<string> titles)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var title in titles)
        {
            await connection.ExecuteAsync(
                "INSERT INTO book (author_id, title) VALUES (@AuthorId, @Title) ON CONFLICT DO NOTHING;",
                new { AuthorId = authorId, Title = title },
                transaction);
        }

        await transaction.CommitAsync();
    }
}
