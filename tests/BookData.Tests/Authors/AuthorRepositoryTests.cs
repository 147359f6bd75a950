using BookData.Authors;
using BookData.Books;
using BookData.Tests.Support;

namespace BookData.Tests.Authors;

public abstract class AuthorRepositoryTests
{
    protected abstract BookDataProvider Provider { get; }

    /// <summary>
    /// Whether names that differ only in the case of non-ASCII letters (É, é) are the same name: PostgreSQL's citext
    /// folds every letter, SQLite's NOCASE only ASCII ones. Each subclass has a test that shows its answer.
    /// </summary>
    protected abstract bool FoldsNonAsciiCase { get; }

    /// <summary>A fresh migrated database for one test; the pooled subclass connects the library through PgBouncer.</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(Provider);

    [ProviderFact]
    public async Task AddAsync_NewName_StoresNormalizedAuthor()
    {
        await using var db = await CreateDatabaseAsync();
        var authors = new AuthorRepository(db.Factory);

        var added = await authors.AddAsync("  Pearl ", " Buck\t");

        added.Should().Be(new Author(added.AuthorId, "Pearl", "Buck"));
        (await authors.GetByIdAsync(added.AuthorId)).Should().Be(added);
    }

    [ProviderFact]
    public async Task AddAsync_SameNameOtherCase_ThrowsDuplicateAndWritesNothing()
    {
        await using var db = await CreateDatabaseAsync();
        var authors = new AuthorRepository(db.Factory);
        await authors.AddAsync("Pearl", "Buck");

        var act = () => authors.AddAsync("PEARL", "buck");

        (await act.Should().ThrowAsync<BookDataDuplicateException>()).WithMessage("*PEARL buck*already exists*");
        (await authors.CountAsync()).Should().Be(1);
    }

    [ProviderFact]
    public async Task AddAsync_EmptyFirstName_StoresSingleNameAuthor()
    {
        await using var db = await CreateDatabaseAsync();
        var authors = new AuthorRepository(db.Factory);

        var added = await authors.AddAsync("", "Homer");

        added.FullName.Should().Be("Homer");
        (await authors.FindByNameAsync(" ", "homer")).Should().Be(added);
    }

    [ProviderFact]
    public async Task AddAsync_EmptyLastName_ThrowsValidationAndWritesNothing()
    {
        await using var db = await CreateDatabaseAsync();
        var authors = new AuthorRepository(db.Factory);

        var act = () => authors.AddAsync("Pearl", "   ");

        (await act.Should().ThrowAsync<BookDataValidationException>()).Which.Field.Should().Be("last name");
        (await authors.CountAsync()).Should().Be(0);
    }

    [ProviderFact]
    public async Task GetByIdAsync_UnknownId_ReturnsNull()
    {
        await using var db = await CreateDatabaseAsync();

        (await new AuthorRepository(db.Factory).GetByIdAsync(404)).Should().BeNull();
    }

    [ProviderFact]
    public async Task FindByNameAsync_DifferentCaseAndSpacing_FindsAuthor()
    {
        await using var db = await CreateDatabaseAsync();
        var authors = new AuthorRepository(db.Factory);
        var added = await authors.AddAsync("John", "Le Carre");

        var found = await authors.FindByNameAsync("john", "  le   CARRE ");

        found.Should().Be(added);
    }

    [ProviderFact]
    public async Task FindByNameAsync_UnknownName_ReturnsNull()
    {
        await using var db = await CreateDatabaseAsync();

        (await new AuthorRepository(db.Factory).FindByNameAsync("No", "Body")).Should().BeNull();
    }

    [ProviderFact]
    public async Task ListAsync_SampleCatalog_OrdersByLastNameThenFirstName()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);

        var page = await new AuthorRepository(db.Factory).ListAsync(pageSize: 100);

        page.Items.Select(author => author.FullName).Should().Equal(
            "Isaac Asimov", "Pearl Buck", "Tom Clancy", "Stephen King", "John Le Carre", "Alex Michaelides", "Carol Shaben");
        page.TotalCount.Should().Be(7);
    }

    [ProviderFact]
    public async Task ListAsync_SecondPage_ContinuesWhereFirstEnded()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);
        var authors = new AuthorRepository(db.Factory);

        var first = await authors.ListAsync(1, 3);
        var second = await authors.ListAsync(2, 3);
        var third = await authors.ListAsync(3, 3);

        first.Items.Concat(second.Items).Concat(third.Items).Select(a => a.LastName)
            .Should().Equal("Asimov", "Buck", "Clancy", "King", "Le Carre", "Michaelides", "Shaben");
        first.TotalPages.Should().Be(3);
        first.HasNextPage.Should().BeTrue();
        third.HasNextPage.Should().BeFalse();
    }

    [ProviderTheory]
    [InlineData(0, 10)]
    [InlineData(1, 0)]
    [InlineData(1, 1001)]
    public async Task ListAsync_PagingOutOfRange_Throws(int pageNumber, int pageSize)
    {
        await using var db = await CreateDatabaseAsync();

        var act = () => new AuthorRepository(db.Factory).ListAsync(pageNumber, pageSize);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [ProviderFact]
    public async Task RenameAsync_ExistingAuthor_ChangesName()
    {
        await using var db = await CreateDatabaseAsync();
        var authors = new AuthorRepository(db.Factory);
        var added = await authors.AddAsync("Jon", "Le Carre");

        var renamed = await authors.RenameAsync(added.AuthorId, "John", "le Carré");

        renamed.Should().Be(new Author(added.AuthorId, "John", "le Carré"));
        (await authors.GetByIdAsync(added.AuthorId)).Should().Be(renamed);
    }

    [ProviderFact]
    public async Task RenameAsync_UnknownId_ThrowsNotFound()
    {
        await using var db = await CreateDatabaseAsync();

        var act = () => new AuthorRepository(db.Factory).RenameAsync(42, "A", "B");

        await act.Should().ThrowAsync<BookDataNotFoundException>().WithMessage("*42*");
    }

    [ProviderFact]
    public async Task RenameAsync_ToAnotherAuthorsName_ThrowsDuplicateAndKeepsOldName()
    {
        await using var db = await CreateDatabaseAsync();
        var authors = new AuthorRepository(db.Factory);
        await authors.AddAsync("Tom", "Clancy");
        var other = await authors.AddAsync("Tim", "Clancy");

        var act = () => authors.RenameAsync(other.AuthorId, "tom", "clancy");

        await act.Should().ThrowAsync<BookDataDuplicateException>();
        (await authors.GetByIdAsync(other.AuthorId)).Should().Be(other);
    }

    [ProviderFact]
    public async Task DeleteAsync_AuthorWithoutBooks_Deletes()
    {
        await using var db = await CreateDatabaseAsync();
        var authors = new AuthorRepository(db.Factory);
        var added = await authors.AddAsync("Pearl", "Buck");

        (await authors.DeleteAsync(added.AuthorId)).Should().BeTrue();

        (await authors.GetByIdAsync(added.AuthorId)).Should().BeNull();
    }

    [ProviderFact]
    public async Task DeleteAsync_UnknownId_ReturnsFalse()
    {
        await using var db = await CreateDatabaseAsync();

        (await new AuthorRepository(db.Factory).DeleteAsync(7)).Should().BeFalse();
    }

    [ProviderFact]
    public async Task DeleteAsync_AuthorWithBooks_ThrowsConflictAndKeepsAuthor()
    {
        await using var db = await CreateDatabaseAsync();
        var result = await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("Stephen King"), "It", "Random House");
        var authors = new AuthorRepository(db.Factory);

        var act = () => authors.DeleteAsync(result.Author.AuthorId);

        var error = (await act.Should().ThrowAsync<BookDataConflictException>()).Which;
        error.Message.Should().Contain("still has books");
        error.InnerException.Should().BeOfType(db.DriverExceptionType);
        (await authors.GetByIdAsync(result.Author.AuthorId)).Should().Be(result.Author);
    }

    [ProviderFact]
    public async Task AddAsync_SameNameOtherNonAsciiCase_IsADuplicateOnlyWhereTheProviderFoldsIt()
    {
        await using var db = await CreateDatabaseAsync();
        var authors = new AuthorRepository(db.Factory);
        var first = await authors.AddAsync("Émile", "Zola");

        var act = () => authors.AddAsync("émile", "ZOLA");

        if (FoldsNonAsciiCase)
        {
            await act.Should().ThrowAsync<BookDataDuplicateException>().WithMessage("*émile ZOLA*already exists*");
            (await authors.FindByNameAsync("ÉMILE", "zola")).Should().Be(first);
            (await authors.CountAsync()).Should().Be(1);
        }
        else
        {
            (await act()).Should().Be(new Author(first.AuthorId + 1, "émile", "ZOLA"));
            (await authors.FindByNameAsync("Émile", "zola")).Should().Be(first);
            (await authors.CountAsync()).Should().Be(2);
        }
    }
}
