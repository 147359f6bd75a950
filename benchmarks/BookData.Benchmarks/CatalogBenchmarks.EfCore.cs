using BenchmarkDotNet.Attributes;
using BookData.Authors;
using BookData.Benchmarks.Catalog;
using BookData.Benchmarks.EfCore;
using BookData.Benchmarks.RawAdoNet;
using BookData.Books;
using BookData.Publishers;
using BookData.Reports;
using BookData.Text;
using BookData.Import;
using CsvHelper;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace BookData.Benchmarks;

/// <summary>
/// EF Core 10 with the SQLite provider, as a .NET user would write it: a pooled context factory, one
/// context per operation, no-tracking queries. Each operation twice: LINQ, and raw SQL
/// (<c>SqlQueryRaw</c> with BookData's own statements). Results are the same BookData records.
/// </summary>
public partial class CatalogBenchmarks
{
    private PooledDbContextFactory<CatalogContext> contexts = null!;
    private PooledDbContextFactory<CatalogContext> smallContexts = null!;

    /// <summary>The EF Core import saves and clears its change tracker every this many rows.</summary>
    private const int EfImportBatch = 10_000;

    private void SetupEfCore()
    {
        contexts = CreateEfFactory(Catalog.Options);
        smallContexts = CreateEfFactory(CatalogFor(10_000).Options);
    }

    [Benchmark, BenchmarkCategory(Operations.GetAuthorById)]
    public async Task<Author?> GetAuthorById_EfCoreLinq()
    {
        var authorId = Workload.NextAuthorId();
        await using var context = contexts.CreateDbContext();
        return await context.Authors.AsNoTracking()
            .Where(a => a.AuthorId == authorId)
            .Select(a => new Author(a.AuthorId, a.FirstName, a.LastName))
            .SingleOrDefaultAsync();
    }

    [Benchmark, BenchmarkCategory(Operations.GetAuthorById)]
    public async Task<Author?> GetAuthorById_EfCoreRawSql()
    {
        var authorId = Workload.NextAuthorId();
        await using var context = contexts.CreateDbContext();
        var rows = await context.Database.SqlQueryRaw<Author>(AuthorSql.GetById, EfParameter("@AuthorId", authorId)).ToListAsync();
        return rows.SingleOrDefault();
    }

    [Benchmark, BenchmarkCategory(Operations.TitleSearchPage)]
    public async Task<Page<BookSummary>> TitleSearchPage_EfCoreLinq()
    {
        var pattern = TitleSearch.LikePattern(CatalogText.Normalize(CatalogWorkload.SearchText));
        var pageSize = CatalogWorkload.SearchPageSize;
        await using var context = contexts.CreateDbContext();
        await using var snapshot = await BeginEfSnapshotAsync(context);
        var matching = context.Books.AsNoTracking().Where(b => EF.Functions.Like(b.Title, pattern, "\\"));
        var total = await matching.LongCountAsync();
        var items = await matching
            .OrderBy(b => b.Title).ThenBy(b => b.Author!.LastName).ThenBy(b => b.Author!.FirstName).ThenBy(b => b.BookId)
            .Skip(0).Take(pageSize)
            .Select(b => new BookSummary(b.BookId, b.Title, b.AuthorId, b.Author!.FirstName, b.Author.LastName))
            .ToListAsync();
        await snapshot.CommitAsync();
        return new Page<BookSummary>(items, 1, pageSize, total);
    }

    [Benchmark, BenchmarkCategory(Operations.TitleSearchPage)]
    public async Task<Page<BookSummary>> TitleSearchPage_EfCoreRawSql()
    {
        var pattern = TitleSearch.LikePattern(CatalogText.Normalize(CatalogWorkload.SearchText));
        var pageSize = CatalogWorkload.SearchPageSize;
        await using var context = contexts.CreateDbContext();
        await using var snapshot = await BeginEfSnapshotAsync(context);
        var totals = await context.Database.SqlQueryRaw<long>(BookSql.CountMatchingTitle, EfParameter("@Pattern", pattern)).ToListAsync();
        var items = await context.Database.SqlQueryRaw<BookSummary>(
            BookSql.SearchByTitle,
            EfParameter("@Pattern", pattern),
            EfParameter("@Limit", pageSize),
            EfParameter("@Offset", 0L)).ToListAsync();
        await snapshot.CommitAsync();
        return new Page<BookSummary>(items, 1, pageSize, totals[0]);
    }

    [Benchmark, BenchmarkCategory(Operations.BooksPerPublisher)]
    public async Task<IReadOnlyList<PublisherBookCount>> BooksPerPublisher_EfCoreLinq()
    {
        await using var context = contexts.CreateDbContext();
        return await context.Publishers.AsNoTracking()
            .Select(p => new { p.PublisherId, p.Name, Total = (long)p.BookLinks.Count })
            .OrderByDescending(p => p.Total).ThenBy(p => p.Name).ThenBy(p => p.PublisherId)
            .Select(p => new PublisherBookCount(p.Name, p.Total))
            .ToListAsync();
    }

    [Benchmark, BenchmarkCategory(Operations.BooksPerPublisher)]
    public async Task<IReadOnlyList<PublisherBookCount>> BooksPerPublisher_EfCoreRawSql()
    {
        await using var context = contexts.CreateDbContext();
        return await context.Database.SqlQueryRaw<PublisherBookCount>(ReportSql.BooksPerPublisherDescending).ToListAsync();
    }

    [Benchmark, BenchmarkCategory(Operations.Hierarchy)]
    [Arguments(10_000)]
    [Arguments(100_000)]
    public async Task<IReadOnlyList<AuthorWithBooks>> Hierarchy_EfCoreLinq(int books)
    {
        await using var context = EfContextsFor(books).CreateDbContext();
        return await context.Authors.AsNoTracking()
            .OrderBy(a => a.LastName).ThenBy(a => a.FirstName).ThenBy(a => a.AuthorId)
            .Select(a => new AuthorWithBooks(
                a.AuthorId,
                a.FirstName,
                a.LastName,
                a.Books.OrderBy(b => b.Title).ThenBy(b => b.BookId)
                    .Select(b => new BookWithPublishers(
                        b.BookId,
                        b.Title,
                        b.Publishers.OrderBy(p => p.Name).ThenBy(p => p.PublisherId)
                            .Select(p => new Publisher(p.PublisherId, p.Name))
                            .ToList()))
                    .ToList()))
            .ToListAsync();
    }

    [Benchmark, BenchmarkCategory(Operations.Hierarchy)]
    [Arguments(10_000)]
    [Arguments(100_000)]
    public async Task<IReadOnlyList<AuthorWithBooks>> Hierarchy_EfCoreRawSql(int books)
    {
        await using var context = EfContextsFor(books).CreateDbContext();
        var folder = new HierarchyFolder();
        await foreach (var row in context.Database.SqlQueryRaw<HierarchyRow>(ReportSql.Hierarchy).AsAsyncEnumerable())
        {
            folder.Add(row);
        }

        return folder.Finish();
    }

    [Benchmark(OperationsPerInvoke = Operations.AddBookBatch), BenchmarkCategory(Operations.AddBookNew)]
    public async Task<AddBookResult> AddBookNew_EfCoreLinq()
    {
        AddBookResult result = null!;
        for (var i = 0; i < Operations.AddBookBatch; i++)
        {
            result = await EfAddBookLinqAsync(Workload.ExistingFirstName, Workload.ExistingLastName, Workload.NextNewTitle(), Workload.ExistingPublisher);
        }

        return result;
    }

    [Benchmark(OperationsPerInvoke = Operations.AddBookBatch), BenchmarkCategory(Operations.AddBookNew)]
    public async Task<AddBookResult> AddBookNew_EfCoreRawSql()
    {
        AddBookResult result = null!;
        for (var i = 0; i < Operations.AddBookBatch; i++)
        {
            result = await EfAddBookRawSqlAsync(Workload.ExistingFirstName, Workload.ExistingLastName, Workload.NextNewTitle(), Workload.ExistingPublisher);
        }

        return result;
    }

    [Benchmark, BenchmarkCategory(Operations.AddBookExisting)]
    public Task<AddBookResult> AddBookExisting_EfCoreLinq() =>
        EfAddBookLinqAsync(Workload.ExistingFirstName, Workload.ExistingLastName, Workload.ExistingTitle, Workload.ExistingPublisher);

    [Benchmark, BenchmarkCategory(Operations.AddBookExisting)]
    public Task<AddBookResult> AddBookExisting_EfCoreRawSql() =>
        EfAddBookRawSqlAsync(Workload.ExistingFirstName, Workload.ExistingLastName, Workload.ExistingTitle, Workload.ExistingPublisher);

    /// <summary>Add-book with tracked entities and SaveChanges, in one BEGIN IMMEDIATE transaction.</summary>
    private async Task<AddBookResult> EfAddBookLinqAsync(string firstName, string lastName, string title, string publisherName)
    {
        firstName = CatalogText.Optional(firstName, "first name", CatalogText.MaxNameLength);
        lastName = CatalogText.Required(lastName, "last name", CatalogText.MaxNameLength);
        title = CatalogText.Required(title, "title", CatalogText.MaxTitleLength);
        publisherName = CatalogText.Required(publisherName, "publisher name", CatalogText.MaxPublisherNameLength);

        await using var context = contexts.CreateDbContext();
        await using var transaction = await context.Database.BeginTransactionAsync();

        var author = await context.Authors.SingleOrDefaultAsync(a => a.LastName == lastName && a.FirstName == firstName);
        var authorCreated = author is null;
        author ??= context.Authors.Add(new AuthorEntity { FirstName = firstName, LastName = lastName }).Entity;

        var publisher = await context.Publishers.SingleOrDefaultAsync(p => p.Name == publisherName);
        var publisherCreated = publisher is null;
        publisher ??= context.Publishers.Add(new PublisherEntity { Name = publisherName }).Entity;

        var book = authorCreated ? null : await context.Books.SingleOrDefaultAsync(b => b.AuthorId == author.AuthorId && b.Title == title);
        var bookCreated = book is null;
        book ??= context.Books.Add(new BookEntity { Author = author, Title = title }).Entity;

        var linked = false;
        if (bookCreated || publisherCreated
            || !await context.BookPublishers.AnyAsync(bp => bp.BookId == book.BookId && bp.PublisherId == publisher.PublisherId))
        {
            context.BookPublishers.Add(new BookPublisherEntity { Book = book, Publisher = publisher });
            linked = true;
        }

        if (context.ChangeTracker.HasChanges())
        {
            await context.SaveChangesAsync();
        }

        await transaction.CommitAsync();
        var outcome = bookCreated ? AddBookOutcome.BookCreated
            : linked ? AddBookOutcome.PublisherLinked
            : AddBookOutcome.AlreadyPresent;
        return new AddBookResult(
            outcome,
            new Author(author.AuthorId, author.FirstName, author.LastName),
            new Book(book.BookId, book.AuthorId, book.Title),
            new Publisher(publisher.PublisherId, publisher.Name),
            authorCreated,
            publisherCreated);
    }

    /// <summary>Add-book with BookData's statements through <c>SqlQueryRaw</c>/<c>ExecuteSqlRaw</c>, in one BEGIN IMMEDIATE transaction.</summary>
    private async Task<AddBookResult> EfAddBookRawSqlAsync(string firstName, string lastName, string title, string publisherName)
    {
        firstName = CatalogText.Optional(firstName, "first name", CatalogText.MaxNameLength);
        lastName = CatalogText.Required(lastName, "last name", CatalogText.MaxNameLength);
        title = CatalogText.Required(title, "title", CatalogText.MaxTitleLength);
        publisherName = CatalogText.Required(publisherName, "publisher name", CatalogText.MaxPublisherNameLength);

        await using var context = contexts.CreateDbContext();
        var database = context.Database;
        await using var transaction = await database.BeginTransactionAsync();

        var existingAuthor = (await database.SqlQueryRaw<Author>(AuthorSql.FindByNameSqlite, EfParameter("@FirstName", firstName), EfParameter("@LastName", lastName)).ToListAsync()).SingleOrDefault();
        var author = existingAuthor
            ?? (await database.SqlQueryRaw<Author>(AuthorSql.Insert, EfParameter("@FirstName", firstName), EfParameter("@LastName", lastName)).ToListAsync()).Single();

        var existingPublisher = (await database.SqlQueryRaw<Publisher>(PublisherSql.FindByNameSqlite, EfParameter("@Name", publisherName)).ToListAsync()).SingleOrDefault();
        var publisher = existingPublisher
            ?? (await database.SqlQueryRaw<Publisher>(PublisherSql.Insert, EfParameter("@Name", publisherName)).ToListAsync()).Single();

        var existingBook = existingAuthor is null
            ? null
            : (await database.SqlQueryRaw<Book>(BookSql.FindByAuthorAndTitleSqlite, EfParameter("@AuthorId", author.AuthorId), EfParameter("@Title", title)).ToListAsync()).SingleOrDefault();
        var book = existingBook
            ?? (await database.SqlQueryRaw<Book>(BookSql.Insert, EfParameter("@AuthorId", author.AuthorId), EfParameter("@Title", title)).ToListAsync()).Single();

        var linked = await database.ExecuteSqlRawAsync(BookSql.Link, EfParameter("@BookId", book.BookId), EfParameter("@PublisherId", publisher.PublisherId)) > 0;

        await transaction.CommitAsync();
        var outcome = existingBook is null ? AddBookOutcome.BookCreated
            : linked ? AddBookOutcome.PublisherLinked
            : AddBookOutcome.AlreadyPresent;
        return new AddBookResult(outcome, author, book, publisher, existingAuthor is null, existingPublisher is null);
    }

    /// <summary>Count and page from one snapshot: a deferred read transaction, as BookData reads a page.</summary>
    internal static async Task<IDbContextTransaction> BeginEfSnapshotAsync(CatalogContext context)
    {
        await context.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        return await context.Database.UseTransactionAsync(connection.BeginTransaction(deferred: true))
            ?? throw new InvalidOperationException("EF Core did not take the transaction.");
    }

    private PooledDbContextFactory<CatalogContext> EfContextsFor(int books) => books == Catalog.Shape.Books ? contexts : smallContexts;

    private static SqliteParameter EfParameter(string name, object value) => new(name, value);

    internal static PooledDbContextFactory<CatalogContext> CreateEfFactory(BookDataOptions options)
    {
        var setup = new ConnectionSetup(options);
        var contextOptions = new DbContextOptionsBuilder<CatalogContext>()
            .UseSqlite(setup.ConnectionString)
            .AddInterceptors(new ConnectionSetupInterceptor(setup))
            .Options;
        return new PooledDbContextFactory<CatalogContext>(contextOptions);
    }

    /// <summary>
    /// The import the EF Core way, with the usual advice for bulk loads followed: entities added with change
    /// detection off and keys assigned in order of first appearance, <c>SaveChanges</c> every
    /// <see cref="EfImportBatch"/> rows followed by clearing the change tracker, one transaction.
    /// The rows are read and normalized as the raw ADO.NET importer reads them.
    /// </summary>
    [Benchmark, BenchmarkCategory(Operations.Import)]
    public async Task<long> Import_EfCoreLinq()
    {
        await using var context = CreateEfFactory(ImportTarget.Options).CreateDbContext();
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await context.Database.BeginTransactionAsync();
        var ids = new ImportIds();
        var links = new HashSet<(long BookId, long PublisherId)>();
        long rows = 0;

        await using var file = File.OpenRead(ImportInput.CsvPath);
        using var csv = CsvReader.Create(file, ImportCsvOptions);
        await csv.ReadHeaderAsync();
        while (await csv.ReadAsync())
        {
            rows++;
            var row = ImportCsvRow.Read(csv);
            var authorId = ids.Author(row, out var newAuthor);
            if (newAuthor)
            {
                context.Authors.Add(new AuthorEntity { AuthorId = authorId, FirstName = row.FirstName, LastName = row.LastName });
            }

            var publisherId = ids.Publisher(row, out var newPublisher);
            if (newPublisher)
            {
                context.Publishers.Add(new PublisherEntity { PublisherId = publisherId, Name = row.Publisher });
            }

            var bookId = ids.Book(row, authorId, out var newBook);
            if (newBook)
            {
                context.Books.Add(new BookEntity { BookId = bookId, AuthorId = authorId, Title = row.Title });
            }

            if (links.Add((bookId, publisherId)))
            {
                context.BookPublishers.Add(new BookPublisherEntity { BookId = bookId, PublisherId = publisherId });
            }

            if (rows % EfImportBatch == 0)
            {
                await context.SaveChangesAsync();
                context.ChangeTracker.Clear();
            }
        }

        await context.SaveChangesAsync();
        await transaction.CommitAsync();
        return rows;
    }

    /// <summary>
    /// The import through EF Core's raw SQL: BookData's own insert statements run with <c>ExecuteSqlRaw</c>,
    /// one call per insert, in one transaction; rows read, normalized and keyed as the raw ADO.NET importer does.
    /// </summary>
    [Benchmark, BenchmarkCategory(Operations.Import)]
    public async Task<long> Import_EfCoreRawSql()
    {
        await using var context = CreateEfFactory(ImportTarget.Options).CreateDbContext();
        var database = context.Database;
        await using var transaction = await database.BeginTransactionAsync();
        var ids = new ImportIds();
        long rows = 0;

        await using var file = File.OpenRead(ImportInput.CsvPath);
        using var csv = CsvReader.Create(file, ImportCsvOptions);
        await csv.ReadHeaderAsync();
        while (await csv.ReadAsync())
        {
            rows++;
            var row = ImportCsvRow.Read(csv);
            var authorId = ids.Author(row, out var newAuthor);
            if (newAuthor)
            {
                await database.ExecuteSqlRawAsync(
                    ImportSql.InsertAuthor, EfParameter("@AuthorId", authorId), EfParameter("@FirstName", row.FirstName), EfParameter("@LastName", row.LastName));
            }

            var publisherId = ids.Publisher(row, out var newPublisher);
            if (newPublisher)
            {
                await database.ExecuteSqlRawAsync(ImportSql.InsertPublisher, EfParameter("@PublisherId", publisherId), EfParameter("@Name", row.Publisher));
            }

            var bookId = ids.Book(row, authorId, out var newBook);
            if (newBook)
            {
                await database.ExecuteSqlRawAsync(
                    ImportSql.InsertBook, EfParameter("@BookId", bookId), EfParameter("@AuthorId", authorId), EfParameter("@Title", row.Title));
            }

            await database.ExecuteSqlRawAsync(ImportSql.InsertLink, EfParameter("@BookId", bookId), EfParameter("@PublisherId", publisherId));
        }

        await transaction.CommitAsync();
        return rows;
    }
}
