using BookData.Authors;
using BookData.Books;
using BookData.Reports;
using BookData.Tests.Support;

namespace BookData.Tests.Books;

public abstract class HostileTextTests
{
    protected abstract BookDataProvider Provider { get; }

    public static TheoryData<string> HostileStrings => new()
    {
        "O'Brien",
        "\"Quoted\" Title",
        "'); DROP TABLE book;--",
        "Robert'); DELETE FROM author WHERE ('1'='1",
        "100% _literal_ \\ backslash",
        "Ünïcödé Ñame",
        "日本語のタイトル",
        "Emoji 📚🔥 Title",
        "<script>alert(1)</script>",
        "Tab\tand  spaces collapsed",
    };

    [ProviderTheory]
    [MemberData(nameof(HostileStrings))]
    public async Task AddBookAsync_HostileText_IsStoredAndReturnedVerbatim(string text)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var expected = BookData.Text.CatalogText.Normalize(text);

        var result = await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("Hostile " + text), text, text);

        result.Book.Title.Should().Be(expected);
        result.Publisher.Name.Should().Be(expected);
        var tree = await new CatalogReports(db.Factory).GetHierarchyAsync();
        tree.Single().Books.Single().Title.Should().Be(expected);
        tree.Single().Books.Single().Publishers.Single().Name.Should().Be(expected);
        (await new BookRepository(db.Factory).SearchByTitleAsync(text)).Items.Single().Title.Should().Be(expected);
        (await db.CountAsync("book")).Should().Be(1);
        (await db.CountAsync("author")).Should().Be(1);
    }
}
