using BookData.Authors;
using BookData.Books;
using BookData.Publishers;
using BookData.Tests.Support;

namespace BookData.Tests.Publishers;

public abstract class PublisherRepositoryTests
{
    protected abstract BookDataProvider Provider { get; }

    /// <summary>A new migrated database for one test: straight to the server, or through a pooler in the pooled subclass.</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(Provider);

    [ProviderFact]
    public async Task AddAsync_NewName_StoresNormalizedName()
    {
        await using var db = await CreateDatabaseAsync();
        var publishers = new PublisherRepository(db.Factory);

        var added = await publishers.AddAsync("  Simon   &  Schuster ");

        added.Name.Should().Be("Simon & Schuster");
        (await publishers.GetByIdAsync(added.PublisherId)).Should().Be(added);
    }

    [ProviderFact]
    public async Task AddAsync_SameNameOtherCase_ThrowsDuplicateNamingPublisher()
    {
        await using var db = await CreateDatabaseAsync();
        var publishers = new PublisherRepository(db.Factory);
        await publishers.AddAsync("Berkley");

        var act = () => publishers.AddAsync("BERKLEY");

        (await act.Should().ThrowAsync<BookDataDuplicateException>()).WithMessage("Publisher 'BERKLEY' already exists.");
        (await publishers.CountAsync()).Should().Be(1);
    }

    [ProviderFact]
    public async Task AddAsync_TooLongName_ThrowsValidationAndWritesNothing()
    {
        await using var db = await CreateDatabaseAsync();
        var publishers = new PublisherRepository(db.Factory);

        var act = () => publishers.AddAsync(new string('p', CatalogTextLimit + 1));

        (await act.Should().ThrowAsync<BookDataValidationException>()).Which.Field.Should().Be("publisher name");
        (await publishers.CountAsync()).Should().Be(0);
    }

    [ProviderFact]
    public async Task FindByNameAsync_OtherCase_FindsPublisher()
    {
        await using var db = await CreateDatabaseAsync();
        var publishers = new PublisherRepository(db.Factory);
        var added = await publishers.AddAsync("Penguin Random House");

        (await publishers.FindByNameAsync("penguin random house")).Should().Be(added);
        (await publishers.FindByNameAsync("Penguin")).Should().BeNull();
    }

    [ProviderFact]
    public async Task ListAsync_SampleCatalog_OrdersByName()
    {
        await using var db = await CreateDatabaseAsync();
        await SampleCatalog.LoadAsync(db);

        var page = await new PublisherRepository(db.Factory).ListAsync();

        page.Items.Select(p => p.Name).Should().Equal("Berkley", "Penguin Random House", "Random House", "Simon & Schuster");
        page.TotalCount.Should().Be(4);
    }

    [ProviderFact]
    public async Task RenameAsync_UnknownId_ThrowsNotFound()
    {
        await using var db = await CreateDatabaseAsync();

        var act = () => new PublisherRepository(db.Factory).RenameAsync(9, "Anything");

        await act.Should().ThrowAsync<BookDataNotFoundException>().WithMessage("*9*");
    }

    [ProviderFact]
    public async Task RenameAsync_ExistingPublisher_ChangesName()
    {
        await using var db = await CreateDatabaseAsync();
        var publishers = new PublisherRepository(db.Factory);
        var added = await publishers.AddAsync("Random Haus");

        var renamed = await publishers.RenameAsync(added.PublisherId, "Random House");

        (await publishers.GetByIdAsync(added.PublisherId)).Should().Be(renamed).And.Be(added with { Name = "Random House" });
    }

    [ProviderFact]
    public async Task DeleteAsync_PublisherWithBooks_ThrowsConflictAndKeepsIt()
    {
        await using var db = await CreateDatabaseAsync();
        var result = await new BookRepository(db.Factory).AddBookAsync(AuthorName.FromFullName("Tom Clancy"), "Patriot Games", "Berkley");
        var publishers = new PublisherRepository(db.Factory);

        var act = () => publishers.DeleteAsync(result.Publisher.PublisherId);

        await act.Should().ThrowAsync<BookDataConflictException>().WithMessage("*still has books*");
        (await publishers.GetByIdAsync(result.Publisher.PublisherId)).Should().Be(result.Publisher);
    }

    [ProviderFact]
    public async Task DeleteAsync_UnusedPublisher_DeletesIt()
    {
        await using var db = await CreateDatabaseAsync();
        var publishers = new PublisherRepository(db.Factory);
        var added = await publishers.AddAsync("Unused Press");

        (await publishers.DeleteAsync(added.PublisherId)).Should().BeTrue();
        (await publishers.DeleteAsync(added.PublisherId)).Should().BeFalse();
        (await publishers.CountAsync()).Should().Be(0);
    }

    private const int CatalogTextLimit = BookData.Text.CatalogText.MaxPublisherNameLength;
}
