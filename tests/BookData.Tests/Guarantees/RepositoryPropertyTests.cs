using BookData.Authors;
using BookData.Books;
using BookData.Reports;
using BookData.Tests.Support;
using BookData.Text;
using CsCheck;

namespace BookData.Tests.Guarantees;

/// <summary>Random input against the repositories: stored verbatim after normalization, idempotent, equal to a model.</summary>
public abstract class RepositoryPropertyTests
{
    protected abstract BookDataProvider Provider { get; }

    /// <summary>
    /// The iteration count for this provider: PostgreSQL runs fewer, since every round trip goes over the network
    /// and the model test creates a database per sample.
    /// </summary>
    private int Iterations(int sqlite, int postgreSql) => Provider == BookDataProvider.PostgreSql ? postgreSql : sqlite;

    private static readonly string[] Fragments =
    [
        "a", "Z", " ", "  ", "\t", "'", "\"", "%", "_", "\\", ";", "--", "'); DROP TABLE book;--", "é", "e\u0301",
        "日本", "📚", "🔥", "Ω", "<b>", "&amp;", "NULL", "0x00", "\u00A0", "ß", "İ",
    ];

    private static readonly Gen<string> HostileText =
        Gen.Int[0, Fragments.Length - 1].Array[1, 12].Select(indexes => string.Concat(indexes.Select(i => Fragments[i])));

    [ProviderFact]
    public async Task AddBookAsync_RandomUnicode_StoresNormalizedTextOrRejectsWithNothingWritten()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var books = new BookRepository(db.Factory);
        var anyText = Gen.OneOf(HostileText, Gen.String[0, 40]);

        await Gen.Select(anyText, anyText, anyText).SampleAsync(
            async (author, title, publisher) =>
            {
                var before = await db.CountAsync("book_publisher");
                BookDataValidationException? rejected = null;
                AddBookResult? result = null;
                try
                {
                    result = await books.AddBookAsync(AuthorName.FromFullName("Writer " + author), title, publisher);
                }
                catch (BookDataValidationException ex)
                {
                    rejected = ex;
                }

                if (rejected is not null)
                {
                    (await db.CountAsync("book_publisher")).Should().Be(before);
                    return;
                }

                // A value that already existed in another ASCII case comes back as first stored.
                AssertStored(result!.Book.Title, title, result.Outcome == AddBookOutcome.BookCreated);
                AssertStored(result.Publisher.Name, publisher, result.PublisherCreated);
                (await books.GetByIdAsync(result.Book.BookId))!.Title.Should().Be(result.Book.Title);
                (await books.ListPublishersAsync(result.Book.BookId)).Should().Contain(result.Publisher);
            },
            iter: Iterations(sqlite: 300, postgreSql: 100),
            threads: 1);
    }

    [ProviderFact]
    public async Task AddBookAsync_SameValuesTwice_SecondChangesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var books = new BookRepository(db.Factory);

        await Gen.Select(HostileText, HostileText, HostileText).SampleAsync(
            async (author, title, publisher) =>
            {
                if (CatalogText.Normalize(title).Length == 0 || CatalogText.Normalize(publisher).Length == 0)
                {
                    return;
                }

                var counts = await new CatalogReports(db.Factory).GetCountsAsync();
                try
                {
                    await books.AddBookAsync(AuthorName.FromFullName("Writer " + author), title, publisher);
                }
                catch (BookDataValidationException)
                {
                    // Values the library refuses (a first name over 100 characters once split) are refused again and
                    // change nothing either time.
                    await FluentActions.Awaiting(() => books.AddBookAsync(AuthorName.FromFullName("Writer " + author), title, publisher))
                        .Should().ThrowAsync<BookDataValidationException>();
                    (await new CatalogReports(db.Factory).GetCountsAsync()).Should().Be(counts);
                    return;
                }

                counts = await new CatalogReports(db.Factory).GetCountsAsync();

                var again = await books.AddBookAsync(AuthorName.FromFullName("Writer " + author), title, publisher);

                again.Outcome.Should().Be(AddBookOutcome.AlreadyPresent);
                (await new CatalogReports(db.Factory).GetCountsAsync()).Should().Be(counts);
            },
            iter: Iterations(sqlite: 200, postgreSql: 100),
            threads: 1);
    }

    private static readonly string[] AuthorPool = ["Stephen King", "stephen  KING", "Tom Clancy", "Pearl Buck", "Homer", "HOMER"];
    private static readonly string[] TitlePool = ["It", "IT", "The Stand", "Dead Zone", " dead   zone ", "Odyssey"];
    private static readonly string[] PublisherPool = ["Random House", "random house", "Berkley", "Penguin", "Simon Schuster"];

    [ProviderFact]
    public async Task Reports_RandomAddBookSequences_EqualInMemoryModel()
    {
        var rows = Gen.Select(
            Gen.Int[0, AuthorPool.Length - 1], Gen.Int[0, TitlePool.Length - 1], Gen.Int[0, PublisherPool.Length - 1])
            .Select((a, t, p) => (Author: AuthorPool[a], Title: TitlePool[t], Publisher: PublisherPool[p]))
            .Array[0, 25];

        await rows.SampleAsync(
            async sequence =>
            {
                await using var db = await TestDatabase.CreateAsync(Provider);
                var books = new BookRepository(db.Factory);
                foreach (var row in sequence)
                {
                    await books.AddBookAsync(AuthorName.FromFullName(row.Author), row.Title, row.Publisher);
                }

                var model = new CatalogModel(sequence);
                var reports = new CatalogReports(db.Factory);
                (await reports.BooksPerPublisherAsync()).Select(r => (Key(r.Publisher), r.TotalBooks))
                    .Should().Equal(model.BooksPerPublisher());
                (await reports.AuthorsPerPublisherAsync()).Select(r => (Key(r.Publisher), r.TotalAuthors))
                    .Should().Equal(model.AuthorsPerPublisher());
                (await reports.BooksPerAuthorAsync(SortOrder.Ascending)).Select(r => (Key(r.LastName), Key(r.FirstName), r.TotalBooks))
                    .Should().Equal(model.BooksPerAuthorAscending());
            },
            iter: Iterations(sqlite: 40, postgreSql: 10),
            threads: 1);
    }

    private static void AssertStored(string stored, string given, bool created)
    {
        if (created)
        {
            stored.Should().Be(CatalogText.Normalize(given));
        }
        else
        {
            stored.Should().BeEquivalentTo(CatalogText.Normalize(given), "an existing value matches case-insensitively");
        }
    }

    private static string Key(string text) => CatalogText.Normalize(text).ToLowerInvariant();

    /// <summary>What the catalog should hold after a sequence of add-book calls, computed without SQL.</summary>
    private sealed class CatalogModel((string Author, string Title, string Publisher)[] rows)
    {
        private readonly HashSet<(string Last, string First, string Title, string Publisher)> links =
            rows.Select(row =>
            {
                var name = AuthorName.FromFullName(row.Author);
                var (first, last) = (name.FirstName, name.LastName);
                return (Key(last), Key(first), Key(row.Title), Key(row.Publisher));
            }).ToHashSet();

        public IEnumerable<(string, long)> BooksPerPublisher() =>
            links.GroupBy(l => l.Publisher)
                .Select(g => (g.Key, (long)g.Count()))
                .OrderByDescending(r => r.Item2).ThenBy(r => r.Key, StringComparer.Ordinal);

        public IEnumerable<(string, long)> AuthorsPerPublisher() =>
            links.GroupBy(l => l.Publisher)
                .Select(g => (g.Key, (long)g.Select(l => (l.Last, l.First)).Distinct().Count()))
                .OrderByDescending(r => r.Item2).ThenBy(r => r.Key, StringComparer.Ordinal);

        public IEnumerable<(string, string, long)> BooksPerAuthorAscending() =>
            links.GroupBy(l => (l.Last, l.First))
                .Select(g => (g.Key.Last, g.Key.First, (long)g.Select(l => l.Title).Distinct().Count()))
                .OrderBy(r => r.Item3).ThenBy(r => r.Last, StringComparer.Ordinal).ThenBy(r => r.First, StringComparer.Ordinal);
    }
}
