using BookData.Authors;
using BookData.Books;
using BookData.Reports;
using BookData.Tests.Support;

namespace BookData.Tests.Reports;

public abstract class CatalogReportsTests
{
    protected abstract BookDataProvider Provider { get; }

    /// <summary>A new migrated database for one test: straight to the server, or through a pooler in the pooled subclass.</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(Provider);

    [ProviderFact]
    public async Task BooksPerPublisherAsync_SampleDescending_MatchesTutorial()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);

        var report = await new CatalogReports(db.Factory).BooksPerPublisherAsync(SortOrder.Descending);

        report.Should().Equal(
            new PublisherBookCount("Random House", 4),
            new PublisherBookCount("Simon & Schuster", 4),
            new PublisherBookCount("Berkley", 2),
            new PublisherBookCount("Penguin Random House", 2));
    }

    [ProviderFact]
    public async Task BooksPerPublisherAsync_SampleAscending_BreaksTiesByName()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);

        var report = await new CatalogReports(db.Factory).BooksPerPublisherAsync(SortOrder.Ascending);

        report.Select(r => r.Publisher).Should().Equal("Berkley", "Penguin Random House", "Random House", "Simon & Schuster");
    }

    [ProviderFact]
    public async Task AuthorsPerPublisherAsync_SampleDescending_MatchesTutorial()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);

        var report = await new CatalogReports(db.Factory).AuthorsPerPublisherAsync();

        report.Should().Equal(
            new PublisherAuthorCount("Simon & Schuster", 4),
            new PublisherAuthorCount("Random House", 3),
            new PublisherAuthorCount("Berkley", 2),
            new PublisherAuthorCount("Penguin Random House", 1));
    }

    [ProviderFact]
    public async Task AuthorsPerPublisherAsync_SampleAscending_ReversesCounts()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);

        var report = await new CatalogReports(db.Factory).AuthorsPerPublisherAsync(SortOrder.Ascending);

        report.Select(r => r.TotalAuthors).Should().Equal(1, 2, 3, 4);
    }

    [ProviderFact]
    public async Task BooksPerAuthorAsync_Sample_KingThenClancyThenByName()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);

        var report = await new CatalogReports(db.Factory).BooksPerAuthorAsync();

        report.Select(r => (r.AuthorName, r.TotalBooks)).Should().Equal(
            ("Stephen King", 3L),
            ("Tom Clancy", 2L),
            ("Isaac Asimov", 1L),
            ("Pearl Buck", 1L),
            ("John Le Carre", 1L),
            ("Alex Michaelides", 1L),
            ("Carol Shaben", 1L));
    }

    [ProviderFact]
    public async Task Reports_EmptyCatalog_ReturnEmptyLists()
    {
        await using var db = await CreateDatabaseAsync();
        var reports = new CatalogReports(db.Factory);

        (await reports.BooksPerPublisherAsync()).Should().BeEmpty();
        (await reports.AuthorsPerPublisherAsync(SortOrder.Ascending)).Should().BeEmpty();
        (await reports.BooksPerAuthorAsync()).Should().BeEmpty();
        (await reports.GetHierarchyAsync()).Should().BeEmpty();
        (await reports.GetCountsAsync()).Should().Be(new CatalogCounts(0, 0, 0, 0, 0));
    }

    [ProviderFact]
    public async Task BooksPerPublisherAsync_UndefinedOrder_Throws()
    {
        await using var db = await CreateDatabaseAsync();

        var act = () => new CatalogReports(db.Factory).BooksPerPublisherAsync((SortOrder)7);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [ProviderFact]
    public async Task BooksPerPublisherAsync_PublisherWithoutBooks_CountsZeroLast()
    {
        await using var db = await CreateDatabaseAsync();
        await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("Ursula Le Guin"), "The Dispossessed", "Harper");
        await new BookData.Publishers.PublisherRepository(db.Factory).AddAsync("Ace");

        var report = await new CatalogReports(db.Factory).BooksPerPublisherAsync();

        report.Should().Equal(new PublisherBookCount("Harper", 1), new PublisherBookCount("Ace", 0));
    }

    [ProviderFact]
    public async Task AuthorsPerPublisherAsync_PublisherWithoutBooks_CountsZeroAuthors()
    {
        await using var db = await CreateDatabaseAsync();
        await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("Ursula Le Guin"), "The Dispossessed", "Harper");
        await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("Ursula Le Guin"), "The Lathe of Heaven", "Harper");
        await new BookData.Publishers.PublisherRepository(db.Factory).AddAsync("Ace");

        var report = await new CatalogReports(db.Factory).AuthorsPerPublisherAsync();

        report.Should().Equal(new PublisherAuthorCount("Harper", 1), new PublisherAuthorCount("Ace", 0));
    }

    [ProviderFact]
    public async Task GetCountsAsync_Sample_CountsAsManyPairsAsTheAuthorPublisherView()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);
        await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("Stephen King"), "The Stand", "Berkley");

        var counts = await new CatalogReports(db.Factory).GetCountsAsync();

        counts.AuthorPublisherPairs.Should().Be(await db.CountAsync("author_publisher")).And.Be(11);
    }

    [ProviderFact]
    public async Task GetCountsAsync_Sample_MatchesTutorialFigures()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);

        var counts = await new CatalogReports(db.Factory).GetCountsAsync();

        counts.Should().Be(new CatalogCounts(Authors: 7, Books: 10, Publishers: 4, BookPublisherLinks: 12, AuthorPublisherPairs: 10));
    }

    [ProviderFact]
    public async Task GetHierarchyAsync_Sample_NestsAuthorsBooksPublishersInOrder()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);

        var tree = await new CatalogReports(db.Factory).GetHierarchyAsync();

        tree.Select(a => a.FullName).Should().Equal(
            "Isaac Asimov", "Pearl Buck", "Tom Clancy", "Stephen King", "John Le Carre", "Alex Michaelides", "Carol Shaben");
        var king = tree.Single(a => a.LastName == "King");
        king.Books.Select(b => b.Title).Should().Equal("Dead Zone", "It", "The Shining");
        king.Books[1].Publishers.Select(p => p.Name).Should().Equal("Penguin Random House", "Random House");
        tree.SelectMany(a => a.Books).Should().HaveCount(10);
        tree.SelectMany(a => a.Books).SelectMany(b => b.Publishers).Should().HaveCount(12);
    }

    [ProviderFact]
    public async Task GetHierarchyAsync_AuthorWithoutBooks_HasEmptyBookList()
    {
        await using var db = await CreateDatabaseAsync();
        await new BookData.Authors.AuthorRepository(db.Factory).AddAsync("", "Homer");

        var tree = await new CatalogReports(db.Factory).GetHierarchyAsync();

        tree.Should().ContainSingle().Which.Books.Should().BeEmpty();
    }

    [ProviderFact]
    public async Task GetHierarchyAsync_BookWithoutPublishers_HasEmptyPublisherListBesideLinkedBooks()
    {
        await using var db = await CreateDatabaseAsync();
        var added = await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("Ursula Le Guin"), "The Dispossessed", "Harper");
        var unlinked = await new BookRepository(db.Factory).AddAsync(added.Author.AuthorId, "A Wizard of Earthsea");

        var tree = await new CatalogReports(db.Factory).GetHierarchyAsync();

        var author = tree.Should().ContainSingle().Which;
        author.Should().BeEquivalentTo(new { added.Author.AuthorId, FirstName = "Ursula Le", LastName = "Guin" });
        author.Books.Select(b => (b.BookId, b.Title, b.Publishers.Count)).Should().Equal(
            (unlinked.BookId, "A Wizard of Earthsea", 0),
            (added.Book.BookId, "The Dispossessed", 1));
        author.Books[1].Publishers.Should().Equal(added.Publisher);
    }

    [ProviderFact]
    public async Task GetHierarchyAsync_AfterAddingTheStand_ShowsFourthKingBook()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);
        await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("Stephen King"), "The Stand", "Random House");

        var tree = await new CatalogReports(db.Factory).GetHierarchyAsync();

        tree.Single(a => a.LastName == "King").Books.Select(b => b.Title)
            .Should().Equal("Dead Zone", "It", "The Shining", "The Stand");
        (await new CatalogReports(db.Factory).BooksPerPublisherAsync())[0].Should().Be(new PublisherBookCount("Random House", 5));
    }

    [ProviderFact]
    public async Task GetHierarchyPageAsync_EveryPage_EqualsThatSliceOfTheWholeTree()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);
        var authors = new BookData.Authors.AuthorRepository(db.Factory);
        await authors.AddAsync("Charles", "de Gaulle");
        await authors.AddAsync("", "dickens");
        await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("Anne Brontë"), "agnes grey", "Smith, Elder");
        var reports = new CatalogReports(db.Factory);
        var tree = await reports.GetHierarchyAsync();

        var pages = new List<Page<AuthorWithBooks>>();
        for (var number = 1; number <= 4; number++)
        {
            pages.Add(await reports.GetHierarchyPageAsync(number, 3));
        }

        tree.Should().HaveCount(10);
        pages.Select(page => (page.PageNumber, page.PageSize, page.TotalCount, page.TotalPages, page.Items.Count))
            .Should().Equal((1, 3, 10L, 4L, 3), (2, 3, 10L, 4L, 3), (3, 3, 10L, 4L, 3), (4, 3, 10L, 4L, 1));
        for (var index = 0; index < pages.Count; index++)
        {
            pages[index].Items.Should().BeEquivalentTo(tree.Skip(index * 3).Take(3), options => options.WithStrictOrdering());
        }

        pages[1].Items.Select(a => a.FullName).Should().Equal("Tom Clancy", "Charles de Gaulle", "dickens");
    }

    [ProviderFact]
    public async Task GetHierarchyPageAsync_SecondPageOfSample_HoldsTheBranchesOfItsAuthorsOnly()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);

        var page = await new CatalogReports(db.Factory).GetHierarchyPageAsync(2, 2);

        page.Items.Select(a => a.FullName).Should().Equal("Tom Clancy", "Stephen King");
        page.Items[1].Books.Select(b => b.Title).Should().Equal("Dead Zone", "It", "The Shining");
        page.Items[1].Books[1].Publishers.Select(p => p.Name).Should().Equal("Penguin Random House", "Random House");
        page.Items.SelectMany(a => a.Books).Should().HaveCount(5);
        page.Should().BeEquivalentTo(new { PageNumber = 2, PageSize = 2, TotalCount = 7L, TotalPages = 4L, HasNextPage = true });
    }

    [ProviderFact]
    public async Task GetHierarchyPageAsync_PastTheLastPage_IsEmptyWithTheTotal()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);

        var page = await new CatalogReports(db.Factory).GetHierarchyPageAsync(int.MaxValue, Page<AuthorWithBooks>.MaxPageSize);

        page.Items.Should().BeEmpty();
        page.Should().BeEquivalentTo(new { PageNumber = int.MaxValue, TotalCount = 7L, TotalPages = 1L, HasNextPage = false });
    }

    [ProviderFact]
    public async Task GetHierarchyPageAsync_EmptyCatalog_IsEmptyWithNoPages()
    {
        await using var db = await CreateDatabaseAsync();

        var page = await new CatalogReports(db.Factory).GetHierarchyPageAsync();

        page.Items.Should().BeEmpty();
        page.Should().BeEquivalentTo(new { PageNumber = 1, PageSize = 50, TotalCount = 0L, TotalPages = 0L });
    }

    [ProviderFact]
    public async Task GetHierarchyPageAsync_AuthorWithoutBooksAndBookWithoutPublishers_KeepTheirEmptyLists()
    {
        await using var db = await CreateDatabaseAsync();
        await new BookData.Authors.AuthorRepository(db.Factory).AddAsync("", "Homer");
        var added = await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("Ursula Le Guin"), "The Dispossessed", "Harper");
        await new BookRepository(db.Factory).AddAsync(added.Author.AuthorId, "A Wizard of Earthsea");

        var page = await new CatalogReports(db.Factory).GetHierarchyPageAsync(1, 10);

        page.Items.Select(a => (a.FullName, a.Books.Count)).Should().Equal(("Ursula Le Guin", 2), ("Homer", 0));
        page.Items[0].Books.Select(b => (b.Title, b.Publishers.Count)).Should().Equal(("A Wizard of Earthsea", 0), ("The Dispossessed", 1));
    }

    [ProviderTheory]
    [InlineData(0, 10, "pageNumber")]
    [InlineData(-1, 10, "pageNumber")]
    [InlineData(1, 0, "pageSize")]
    [InlineData(1, 1001, "pageSize")]
    public async Task GetHierarchyPageAsync_OutOfRange_ThrowsNamingTheArgument(int pageNumber, int pageSize, string parameter)
    {
        await using var db = await CreateDatabaseAsync();

        var act = () => new CatalogReports(db.Factory).GetHierarchyPageAsync(pageNumber, pageSize);

        (await act.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.ParamName.Should().Be(parameter);
    }
}
