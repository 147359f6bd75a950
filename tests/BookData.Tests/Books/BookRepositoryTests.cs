using BookData.Authors;
using BookData.Books;
using BookData.Publishers;
using BookData.Tests.Support;
using BookData.Text;

namespace BookData.Tests.Books;

public abstract class BookRepositoryTests
{
    protected abstract BookDataProvider Provider { get; }

    /// <summary>A new migrated database for one test: straight to the server, or through a pooler in the pooled subclass.</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(Provider);

    /// <summary>
    /// Whether titles that differ only in the case of non-ASCII letters (É, é) match: PostgreSQL's citext folds
    /// every letter, SQLite's NOCASE and LIKE only ASCII ones.
    /// </summary>
    protected abstract bool FoldsNonAsciiCase { get; }

    /// <summary>The provider's SQL function that counts characters: SQLite's length(), PostgreSQL's char_length().</summary>
    private string CharLength => Provider == BookDataProvider.PostgreSql ? "char_length" : "length";

    [ProviderFact]
    public async Task AddBookAsync_EmptyCatalog_CreatesAuthorBookAndPublisher()
    {
        await using var db = await CreateDatabaseAsync();

        var result = await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("Stephen King"), "The Stand", "Random House");

        result.Outcome.Should().Be(AddBookOutcome.BookCreated);
        result.AuthorCreated.Should().BeTrue();
        result.PublisherCreated.Should().BeTrue();
        result.Author.FullName.Should().Be("Stephen King");
        result.Book.Title.Should().Be("The Stand");
        result.Publisher.Name.Should().Be("Random House");
        (await db.CountAsync("book_publisher")).Should().Be(1);
    }

    [ProviderFact]
    public async Task AddBookAsync_ExistingBookNewPublisher_LinksPublisher()
    {
        await using var db = await CreateDatabaseAsync();
        var books = new BookRepository(db.Factory);
        var first = await books.AddBookAsync(AuthorName.FromFullName("Stephen King"), "It", "Random House");

        var second = await books.AddBookAsync(AuthorName.FromFullName("stephen king"), " it ", "Penguin Random House");

        second.Outcome.Should().Be(AddBookOutcome.PublisherLinked);
        second.Book.Should().Be(first.Book);
        second.AuthorCreated.Should().BeFalse();
        second.PublisherCreated.Should().BeTrue();
        (await db.CountAsync("book")).Should().Be(1);
        (await db.CountAsync("book_publisher")).Should().Be(2);
    }

    [ProviderFact]
    public async Task AddBookAsync_AllExists_ChangesNothing()
    {
        await using var db = await CreateDatabaseAsync();
        var books = new BookRepository(db.Factory);
        await books.AddBookAsync(AuthorName.FromFullName("Stephen King"), "It", "Random House");

        var again = await books.AddBookAsync(AuthorName.FromFullName("STEPHEN KING"), "IT", "random house");

        again.Outcome.Should().Be(AddBookOutcome.AlreadyPresent);
        again.Changed.Should().BeFalse();
        again.Book.Title.Should().Be("It");
        (await db.CountAsync("author")).Should().Be(1);
        (await db.CountAsync("book")).Should().Be(1);
        (await db.CountAsync("publisher")).Should().Be(1);
        (await db.CountAsync("book_publisher")).Should().Be(1);
    }

    [ProviderFact]
    public async Task AddBookAsync_TheStandOnSample_GivesTutorialFigures()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);

        var result = await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("Stephen King"), "The Stand", "Random House");

        result.Outcome.Should().Be(AddBookOutcome.BookCreated);
        result.AuthorCreated.Should().BeFalse();
        result.PublisherCreated.Should().BeFalse();
        (await db.CountAsync("book")).Should().Be(11);
        (await db.CountAsync("book_publisher")).Should().Be(13);
        (await db.CountAsync("book_publisher bp JOIN publisher p USING (publisher_id) WHERE p.name = 'Random House'")).Should().Be(5);
    }

    [ProviderTheory]
    [InlineData("", "Title", "Publisher", "author name")]
    [InlineData("Stephen King", "  ", "Publisher", "title")]
    [InlineData("Stephen King", "Title", "", "publisher name")]
    public async Task AddBookAsync_MissingValue_ThrowsNamingFieldAndWritesNothing(string author, string title, string publisher, string field)
    {
        await using var db = await CreateDatabaseAsync();

        var act = () => new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName(author), title, publisher);

        (await act.Should().ThrowAsync<BookDataValidationException>()).Which.Field.Should().Be(field);
        (await db.CountAsync("author")).Should().Be(0);
        (await db.CountAsync("publisher")).Should().Be(0);
        (await db.CountAsync("book")).Should().Be(0);
    }

    [ProviderFact]
    public async Task AddBookAsync_TooLongTitle_ThrowsAndWritesNothing()
    {
        await using var db = await CreateDatabaseAsync();

        var act = () => new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("A Writer"), new string('t', 501), "Press");

        await act.Should().ThrowAsync<BookDataValidationException>().WithMessage("*title*500*");
        (await db.CountAsync("author")).Should().Be(0);
    }

    [ProviderTheory]
    [InlineData("John Le Carre")]
    [InlineData("  john   LE carre ")]
    public async Task AddBookAsync_FullNameOfAuthorWithTwoWordLastName_UsesThatAuthor(string fullName)
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);

        var result = await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName(fullName), "The Honourable Schoolboy", "Berkley");

        result.AuthorCreated.Should().BeFalse();
        result.Author.Should().BeEquivalentTo(new { FirstName = "John", LastName = "Le Carre" });
        (await db.CountAsync("author")).Should().Be(7);
        (await db.CountAsync("author WHERE last_name = 'Carre' OR first_name = 'John Le'")).Should().Be(0);
        (await db.CountAsync("book")).Should().Be(11);
    }

    [ProviderFact]
    public async Task AddBookAsync_FullNameMatchingTwoAuthors_ThrowsListingBothAndWritesNothing()
    {
        await using var db = await CreateDatabaseAsync();
        var authors = new AuthorRepository(db.Factory);
        var splitLate = await authors.AddAsync("Anne Marie", "Smith");
        var splitEarly = await authors.AddAsync("Anne", "Marie Smith");
        var before = await CatalogDump.AllRowsAsync(db);

        var act = () => new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("anne marie SMITH"), "A Book", "A Press");

        var error = (await act.Should().ThrowAsync<BookDataAmbiguousAuthorException>()).Which;
        error.Should().BeAssignableTo<BookDataConflictException>();
        error.FullName.Should().Be("anne marie SMITH");
        error.Candidates.Should().Equal(splitEarly, splitLate);
        error.Message.Should().Be(
            $"The author name 'anne marie SMITH' matches 2 authors: first name 'Anne', last name 'Marie Smith' (author {splitEarly.AuthorId}); "
            + $"first name 'Anne Marie', last name 'Smith' (author {splitLate.AuthorId}). Give the first and last name separately to choose one.");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
    }

    [ProviderFact]
    public async Task AddBookAsync_ExactNameAmongLookAlikes_UsesExactlyThatAuthor()
    {
        await using var db = await CreateDatabaseAsync();
        var authors = new AuthorRepository(db.Factory);
        await authors.AddAsync("Anne Marie", "Smith");
        var splitEarly = await authors.AddAsync("Anne", "Marie Smith");

        var result = await new BookRepository(db.Factory).AddBookAsync(AuthorName.Create("ANNE", "marie smith"), "A Book", "A Press");

        result.AuthorCreated.Should().BeFalse();
        result.Author.Should().Be(splitEarly);
        (await db.CountAsync("author")).Should().Be(2);
    }

    [ProviderFact]
    public async Task AddBookAsync_ExactNameNotInTheCatalog_CreatesItEvenIfItsFullNameMatchesAnother()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);

        var result = await new BookRepository(db.Factory).AddBookAsync(AuthorName.Create("John Le", "Carre"), "A Book", "Berkley");

        result.AuthorCreated.Should().BeTrue();
        result.Author.Should().BeEquivalentTo(new { FirstName = "John Le", LastName = "Carre" });
        (await db.CountAsync("author")).Should().Be(8);
    }

    [ProviderFact]
    public async Task AddBookAsync_UnmatchedFullName_SplitsAtTheLastSpaceForANewAuthor()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);

        var result = await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("Ursula K. Le Guin"), "A Wizard of Earthsea", "Parnassus");

        result.AuthorCreated.Should().BeTrue();
        result.Author.Should().BeEquivalentTo(new { FirstName = "Ursula K. Le", LastName = "Guin" });
        (await db.CountAsync("author")).Should().Be(8);
    }

    [ProviderFact]
    public async Task AddBookAsync_FullNameDifferingInNonAsciiCase_MatchesAsTheUniqueIndexDoes()
    {
        await using var db = await CreateDatabaseAsync();
        var books = new BookRepository(db.Factory);
        await books.AddBookAsync(AuthorName.Create("\u00C9mile", "Zola"), "Germinal", "Charpentier");

        var result = await books.AddBookAsync(AuthorName.FromFullName("\u00E9mile Zola"), "Nana", "Charpentier");

        result.AuthorCreated.Should().Be(!FoldsNonAsciiCase);
        (await db.CountAsync("author")).Should().Be(FoldsNonAsciiCase ? 1 : 2);
    }

    [ProviderFact]
    public async Task AddBookAsync_TitleOf300Emoji_IsStoredAndTheDatabaseCounts300Characters()
    {
        await using var db = await CreateDatabaseAsync();
        var title = string.Concat(Enumerable.Repeat("\U0001F600", 300));

        var result = await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("A Writer"), title, "Press");

        result.Book.Title.Should().Be(title);
        (await db.CountAsync($"book WHERE {CharLength}(title) = 300")).Should().Be(1);
    }

    [ProviderFact]
    public async Task AddBookAsync_TitleOf500EmojiAtTheLimit_IsStoredWithinTheSchemaCheck()
    {
        await using var db = await CreateDatabaseAsync();
        var title = string.Concat(Enumerable.Repeat("\U0001F4DA", CatalogText.MaxTitleLength));

        var result = await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("A Writer"), title, "Press");

        result.Outcome.Should().Be(AddBookOutcome.BookCreated);
        (await db.CountAsync($"book WHERE {CharLength}(title) = 500")).Should().Be(1);
    }

    [ProviderFact]
    public async Task AddBookAsync_TitleOf501Emoji_ThrowsCountingCharactersAndWritesNothing()
    {
        await using var db = await CreateDatabaseAsync();
        var title = string.Concat(Enumerable.Repeat("\U0001F600", 501));

        var act = () => new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("A Writer"), title, "Press");

        await act.Should().ThrowAsync<BookDataValidationException>().WithMessage("The title is 501 characters long; the limit is 500.");
        (await db.CountAsync("author")).Should().Be(0);
        (await db.CountAsync("book")).Should().Be(0);
    }

    [ProviderTheory]
    [InlineData("Random\u200BHouse", "U+200B", 7)]
    [InlineData("Random House\u202E", "U+202E", 13)]
    [InlineData("\uFEFFRandom House", "U+FEFF", 1)]
    public async Task AddBookAsync_InvisibleCharacterInPublisher_ThrowsNamingItAndAddsNoLookAlike(string publisher, string codePoint, int position)
    {
        await using var db = await CreateDatabaseAsync();
        var books = new BookRepository(db.Factory);
        await books.AddBookAsync(AuthorName.FromFullName("Stephen King"), "It", "Random House");

        var act = () => books.AddBookAsync(AuthorName.FromFullName("Stephen King"), "Carrie", publisher);

        var error = (await act.Should().ThrowAsync<BookDataValidationException>()).Which;
        error.Field.Should().Be("publisher name");
        error.Message.Should().Be($"The publisher name contains the invisible format character {codePoint} at character {position}, which is not allowed.");
        (await CatalogDump.LinksAsync(db)).Should().Equal("Stephen|King|It|Random House");
        (await db.CountAsync("publisher")).Should().Be(1);
    }

    [ProviderFact]
    public async Task AddBookAsync_Cancelled_WritesNothing()
    {
        await using var db = await CreateDatabaseAsync();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var act = () => new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("Stephen King"), "It", "Random House", cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await db.CountAsync("author")).Should().Be(0);
    }

    [ProviderFact]
    public async Task AddAsync_UnknownAuthor_ThrowsNotFound()
    {
        await using var db = await CreateDatabaseAsync();

        var act = () => new BookRepository(db.Factory).AddAsync(99, "Orphan");

        await act.Should().ThrowAsync<BookDataNotFoundException>().WithMessage("Author 99 does not exist.");
        (await db.CountAsync("book")).Should().Be(0);
    }

    [ProviderFact]
    public async Task AddAsync_SameTitleOtherCase_ThrowsDuplicate()
    {
        await using var db = await CreateDatabaseAsync();
        var author = await new AuthorRepository(db.Factory).AddAsync("Isaac", "Asimov");
        var books = new BookRepository(db.Factory);
        await books.AddAsync(author.AuthorId, "Foundation");

        var act = () => books.AddAsync(author.AuthorId, "FOUNDATION");

        await act.Should().ThrowAsync<BookDataDuplicateException>().WithMessage("*FOUNDATION*");
        (await books.CountAsync()).Should().Be(1);
    }

    [ProviderFact]
    public async Task AddAsync_SameTitleOtherAuthor_IsAllowed()
    {
        await using var db = await CreateDatabaseAsync();
        var authors = new AuthorRepository(db.Factory);
        var books = new BookRepository(db.Factory);
        var one = await authors.AddAsync("A", "One");
        var two = await authors.AddAsync("B", "Two");

        await books.AddAsync(one.AuthorId, "Untitled");
        await books.AddAsync(two.AuthorId, "Untitled");

        (await books.CountAsync()).Should().Be(2);
    }

    [ProviderFact]
    public async Task FindByTitleAsync_OtherCase_FindsBook()
    {
        await using var db = await CreateDatabaseAsync();
        var added = await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("Pearl Buck"), "The Good Earth", "Random House");

        var found = await new BookRepository(db.Factory).FindByTitleAsync(added.Author.AuthorId, "the  good earth");

        found.Should().Be(added.Book);
    }

    [ProviderFact]
    public async Task ListByAuthorAsync_SampleKing_OrdersByTitle()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);
        var king = await new AuthorRepository(db.Factory).FindByNameAsync("Stephen", "King");

        var books = await new BookRepository(db.Factory).ListByAuthorAsync(king!.AuthorId);

        books.Select(b => b.Title).Should().Equal("Dead Zone", "It", "The Shining");
    }

    [ProviderFact]
    public async Task ListPublishersAsync_BookWithTwoPublishers_OrdersByName()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);
        var king = await new AuthorRepository(db.Factory).FindByNameAsync("Stephen", "King");
        var it = await new BookRepository(db.Factory).FindByTitleAsync(king!.AuthorId, "It");

        var publishers = await new BookRepository(db.Factory).ListPublishersAsync(it!.BookId);

        publishers.Select(p => p.Name).Should().Equal("Penguin Random House", "Random House");
    }

    [ProviderFact]
    public async Task SearchByTitleAsync_Substring_MatchesCaseInsensitively()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);

        var page = await new BookRepository(db.Factory).SearchByTitleAsync("THE");

        page.Items.Select(b => b.Title).Should().Equal(
            "Into The Abyss", "The Good Earth", "The Hunt For Red October", "The Shining", "The Silent Patient");
        page.Items[0].AuthorName.Should().Be("Carol Shaben");
        page.TotalCount.Should().Be(5);
    }

    [ProviderFact]
    public async Task SearchByTitleAsync_PercentAndUnderscore_MatchLiterally()
    {
        await using var db = await CreateDatabaseAsync();
        var books = new BookRepository(db.Factory);
        await books.AddBookAsync(AuthorName.FromFullName("A Writer"), "100% Done", "Press");
        await books.AddBookAsync(AuthorName.FromFullName("A Writer"), "100 Percent Done", "Press");
        await books.AddBookAsync(AuthorName.FromFullName("A Writer"), "snake_case", "Press");
        await books.AddBookAsync(AuthorName.FromFullName("A Writer"), "snakeXcase", "Press");
        await books.AddBookAsync(AuthorName.FromFullName("A Writer"), @"back\slash", "Press");

        (await books.SearchByTitleAsync("%")).Items.Select(b => b.Title).Should().Equal("100% Done");
        (await books.SearchByTitleAsync("_")).Items.Select(b => b.Title).Should().Equal("snake_case");
        (await books.SearchByTitleAsync(@"\")).Items.Select(b => b.Title).Should().Equal(@"back\slash");
    }

    [ProviderFact]
    public async Task SearchByTitleAsync_EmptyText_PagesThroughAllBooks()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);
        var books = new BookRepository(db.Factory);

        var pages = new List<Page<BookSummary>>();
        for (var pageNumber = 1; pageNumber <= 4; pageNumber++)
        {
            pages.Add(await books.SearchByTitleAsync("", pageNumber, 4));
        }

        pages.Select(page => page.TotalCount).Should().AllBeEquivalentTo(10);
        pages.Select(page => page.Items.Count).Should().Equal(4, 4, 2, 0);
        pages.SelectMany(page => page.Items).Select(book => book.Title).Should().Equal(
            "Dead Zone", "Foundation", "Into The Abyss", "It", "Patriot Games", "The Good Earth", "The Hunt For Red October",
            "The Shining", "The Silent Patient", "Tinker, Tailor, Solider, Spy: A George Smiley Novel");
    }

    [ProviderFact]
    public async Task RenameAsync_ExistingBook_ChangesTitle()
    {
        await using var db = await CreateDatabaseAsync();
        var books = new BookRepository(db.Factory);
        var added = await books.AddBookAsync(AuthorName.FromFullName("Tom Clancy"), "Hunt For Red October", "Berkley");

        var renamed = await books.RenameAsync(added.Book.BookId, "The Hunt For Red October");

        renamed.Should().Be(added.Book with { Title = "The Hunt For Red October" });
        (await books.GetByIdAsync(added.Book.BookId)).Should().Be(renamed);
    }

    [ProviderFact]
    public async Task RenameAsync_UnknownId_ThrowsNotFound()
    {
        await using var db = await CreateDatabaseAsync();

        var act = () => new BookRepository(db.Factory).RenameAsync(5, "Anything");

        await act.Should().ThrowAsync<BookDataNotFoundException>();
    }

    [ProviderFact]
    public async Task DeleteAsync_BookWithPublishers_RemovesBookAndLinksButKeepsPublisher()
    {
        await using var db = await CreateDatabaseAsync();
        var books = new BookRepository(db.Factory);
        var added = await books.AddBookAsync(AuthorName.FromFullName("Stephen King"), "It", "Random House");
        await books.AddBookAsync(AuthorName.FromFullName("Stephen King"), "It", "Penguin Random House");

        (await books.DeleteAsync(added.Book.BookId)).Should().BeTrue();

        (await db.CountAsync("book")).Should().Be(0);
        (await db.CountAsync("book_publisher")).Should().Be(0);
        (await db.CountAsync("publisher")).Should().Be(2);
    }

    [ProviderFact]
    public async Task LinkPublisherAsync_NewAndRepeatedLink_ReportsWhetherAdded()
    {
        await using var db = await CreateDatabaseAsync();
        var books = new BookRepository(db.Factory);
        var added = await books.AddBookAsync(AuthorName.FromFullName("Pearl Buck"), "The Good Earth", "Random House");
        var other = await new PublisherRepository(db.Factory).AddAsync("Simon & Schuster");

        (await books.LinkPublisherAsync(added.Book.BookId, other.PublisherId)).Should().BeTrue();
        (await books.LinkPublisherAsync(added.Book.BookId, other.PublisherId)).Should().BeFalse();
        (await db.CountAsync("book_publisher")).Should().Be(2);
    }

    [ProviderFact]
    public async Task LinkPublisherAsync_UnknownPublisher_ThrowsNotFound()
    {
        await using var db = await CreateDatabaseAsync();
        var books = new BookRepository(db.Factory);
        var added = await books.AddBookAsync(AuthorName.FromFullName("Pearl Buck"), "The Good Earth", "Random House");

        var act = () => books.LinkPublisherAsync(added.Book.BookId, 999);

        await act.Should().ThrowAsync<BookDataNotFoundException>().WithMessage("*999*");
        (await db.CountAsync("book_publisher")).Should().Be(1);
    }

    [ProviderFact]
    public async Task UnlinkPublisherAsync_ExistingLink_RemovesOnlyThatLink()
    {
        await using var db = await CreateDatabaseAsync();
        var books = new BookRepository(db.Factory);
        var first = await books.AddBookAsync(AuthorName.FromFullName("Stephen King"), "It", "Random House");
        await books.AddBookAsync(AuthorName.FromFullName("Stephen King"), "It", "Penguin Random House");

        (await books.UnlinkPublisherAsync(first.Book.BookId, first.Publisher.PublisherId)).Should().BeTrue();

        (await books.ListPublishersAsync(first.Book.BookId)).Select(p => p.Name).Should().Equal("Penguin Random House");
    }

    [ProviderFact]
    public async Task FindByTitleAsync_NonAsciiLetterInOtherCase_FindsBookOnlyWhereTheProviderFoldsIt()
    {
        await using var db = await CreateDatabaseAsync();
        var books = new BookRepository(db.Factory);
        var added = await books.AddBookAsync(AuthorName.FromFullName("Victor Hugo"), "Œuvres Épiques", "Hetzel");

        var found = await books.FindByTitleAsync(added.Author.AuthorId, "œuvres épiques");

        found.Should().Be(FoldsNonAsciiCase ? added.Book : null);
    }

    [ProviderFact]
    public async Task SearchByTitleAsync_NonAsciiLetterInOtherCase_MatchesOnNeitherProvider()
    {
        // The search folds ASCII letters only, on PostgreSQL too: citext's LIKE follows the columns' "C" collation.
        await using var db = await CreateDatabaseAsync();
        var books = new BookRepository(db.Factory);
        await books.AddBookAsync(AuthorName.FromFullName("Victor Hugo"), "Œuvres Épiques", "Hetzel");

        (await books.SearchByTitleAsync("éPIQUES")).Items.Should().BeEmpty();
        (await books.SearchByTitleAsync("ÉPIQUES")).Items.Select(b => b.Title).Should().Equal("Œuvres Épiques");
    }
}
