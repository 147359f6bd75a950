using BenchmarkDotNet.Attributes;
using BookData.Authors;
using BookData.Benchmarks.Catalog;
using BookData.Benchmarks.RawAdoNet;
using BookData.Books;
using BookData.Publishers;
using BookData.Reports;
using BookData.Text;
using BookData.Import;
using CsvHelper;
using Microsoft.Data.Sqlite;

namespace BookData.Benchmarks;

/// <summary>
/// The floor: <see cref="SqliteCommand"/> and <see cref="SqliteDataReader"/> with hand-written mapping,
/// running BookData's own SQL statements on connections set up exactly as BookData sets them up.
/// </summary>
public partial class CatalogBenchmarks
{
    private RawConnections rawConnections = null!;
    private RawConnections rawSmallConnections = null!;

    private void SetupRawAdoNet()
    {
        rawConnections = new RawConnections(Catalog.Options);
        rawSmallConnections = new RawConnections(CatalogFor(10_000).Options);
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Operations.GetAuthorById)]
    public async Task<Author?> GetAuthorById_RawAdoNet()
    {
        var authorId = Workload.NextAuthorId();
        await using var connection = await rawConnections.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = AuthorSql.GetById;
        command.Parameters.AddWithValue("@AuthorId", authorId);
        return await ReadSingleOrDefaultAuthorAsync(command);
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Operations.TitleSearchPage)]
    public Task<Page<BookSummary>> TitleSearchPage_RawAdoNet() =>
        RawTitleSearch.FirstPageAsync(rawConnections, CatalogWorkload.SearchText, CatalogWorkload.SearchPageSize);

    [Benchmark(Baseline = true), BenchmarkCategory(Operations.BooksPerPublisher)]
    public async Task<IReadOnlyList<PublisherBookCount>> BooksPerPublisher_RawAdoNet()
    {
        await using var connection = await rawConnections.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = ReportSql.BooksPerPublisherDescending;
        var rows = new List<PublisherBookCount>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new PublisherBookCount(reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Operations.Hierarchy)]
    [Arguments(10_000)]
    [Arguments(100_000)]
    public async Task<IReadOnlyList<AuthorWithBooks>> Hierarchy_RawAdoNet(int books)
    {
        await using var connection = await (books == Catalog.Shape.Books ? rawConnections : rawSmallConnections).OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = ReportSql.Hierarchy;
        await using var reader = await command.ExecuteReaderAsync();

        // Columns: 0 author_id, 1 first_name, 2 last_name, 3 book_id, 4 title, 5 publisher_id, 6 publisher name.
        // Each value is read once: an author's names on their first row, a book's title on its first row.
        var authors = new List<AuthorWithBooks>();
        var authorBooks = new List<BookWithPublishers>();
        var bookPublishers = new List<Publisher>();
        long authorId = 0, bookId = 0;
        string? firstName = null, lastName = null, title = null;
        while (await reader.ReadAsync())
        {
            var rowAuthorId = reader.GetInt64(0);
            if (firstName is null || rowAuthorId != authorId)
            {
                FlushBook();
                FlushAuthor();
                authorId = rowAuthorId;
                firstName = reader.GetString(1);
                lastName = reader.GetString(2);
            }

            if (reader.IsDBNull(3))
            {
                continue;
            }

            var rowBookId = reader.GetInt64(3);
            if (title is null || rowBookId != bookId)
            {
                FlushBook();
                bookId = rowBookId;
                title = reader.GetString(4);
            }

            if (!reader.IsDBNull(5))
            {
                bookPublishers.Add(new Publisher(reader.GetInt64(5), reader.GetString(6)));
            }
        }

        FlushBook();
        FlushAuthor();
        return authors;

        void FlushBook()
        {
            if (title is not null)
            {
                authorBooks.Add(new BookWithPublishers(bookId, title, bookPublishers.ToArray()));
                bookPublishers.Clear();
                title = null;
            }
        }

        void FlushAuthor()
        {
            if (firstName is not null)
            {
                authors.Add(new AuthorWithBooks(authorId, firstName, lastName!, authorBooks.ToArray()));
                authorBooks.Clear();
                firstName = null;
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations.AddBookBatch), BenchmarkCategory(Operations.AddBookNew)]
    public async Task<AddBookResult> AddBookNew_RawAdoNet()
    {
        AddBookResult result = null!;
        for (var i = 0; i < Operations.AddBookBatch; i++)
        {
            result = await RawAddBookAsync(Workload.ExistingFirstName, Workload.ExistingLastName, Workload.NextNewTitle(), Workload.ExistingPublisher);
        }

        return result;
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Operations.AddBookExisting)]
    public Task<AddBookResult> AddBookExisting_RawAdoNet() =>
        RawAddBookAsync(Workload.ExistingFirstName, Workload.ExistingLastName, Workload.ExistingTitle, Workload.ExistingPublisher);

    /// <summary>The same statements as BookData's add-book, in one BEGIN IMMEDIATE transaction.</summary>
    private async Task<AddBookResult> RawAddBookAsync(string firstName, string lastName, string title, string publisherName)
    {
        firstName = CatalogText.Optional(firstName, "first name", CatalogText.MaxNameLength);
        lastName = CatalogText.Required(lastName, "last name", CatalogText.MaxNameLength);
        title = CatalogText.Required(title, "title", CatalogText.MaxTitleLength);
        publisherName = CatalogText.Required(publisherName, "publisher name", CatalogText.MaxPublisherNameLength);

        await using var connection = await rawConnections.OpenAsync();
        using var transaction = connection.BeginTransaction();

        var existingAuthor = await QueryAuthorAsync(connection, transaction, AuthorSql.FindByNameSqlite, firstName, lastName);
        var author = existingAuthor ?? (await QueryAuthorAsync(connection, transaction, AuthorSql.Insert, firstName, lastName))!;

        var existingPublisher = await QueryPublisherAsync(connection, transaction, PublisherSql.FindByNameSqlite, publisherName);
        var publisher = existingPublisher ?? (await QueryPublisherAsync(connection, transaction, PublisherSql.Insert, publisherName))!;

        var existingBook = existingAuthor is null ? null : await QueryBookAsync(connection, transaction, BookSql.FindByAuthorAndTitleSqlite, author.AuthorId, title);
        var book = existingBook ?? (await QueryBookAsync(connection, transaction, BookSql.Insert, author.AuthorId, title))!;

        bool linked;
        await using (var link = connection.CreateCommand())
        {
            link.Transaction = transaction;
            link.CommandText = BookSql.Link;
            link.Parameters.AddWithValue("@BookId", book.BookId);
            link.Parameters.AddWithValue("@PublisherId", publisher.PublisherId);
            linked = await link.ExecuteNonQueryAsync() > 0;
        }

        transaction.Commit();
        var outcome = existingBook is null ? AddBookOutcome.BookCreated
            : linked ? AddBookOutcome.PublisherLinked
            : AddBookOutcome.AlreadyPresent;
        return new AddBookResult(outcome, author, book, publisher, existingAuthor is null, existingPublisher is null);
    }

    private static async Task<Author?> QueryAuthorAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, string firstName, string lastName)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@FirstName", firstName);
        command.Parameters.AddWithValue("@LastName", lastName);
        return await ReadSingleOrDefaultAuthorAsync(command);
    }

    private static async Task<Publisher?> QueryPublisherAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, string name)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@Name", name);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var publisher = new Publisher(reader.GetInt64(0), reader.GetString(1));
        return await reader.ReadAsync() ? throw new InvalidOperationException("More than one publisher.") : publisher;
    }

    private static async Task<Book?> QueryBookAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, long authorId, string title)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@AuthorId", authorId);
        command.Parameters.AddWithValue("@Title", title);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var book = new Book(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2));
        return await reader.ReadAsync() ? throw new InvalidOperationException("More than one book.") : book;
    }

    private static async Task<Author?> ReadSingleOrDefaultAuthorAsync(SqliteCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var author = new Author(reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
        return await reader.ReadAsync() ? throw new InvalidOperationException("More than one author.") : author;
    }

    /// <summary>
    /// The import as a careful ADO.NET developer writes it: the same CSV parser (CsvHelper) and normalization,
    /// string-keyed dictionaries as id caches (compared as <c>NOCASE</c> compares), ids assigned in order of
    /// first appearance, BookData's insert statements prepared once, one <c>BEGIN IMMEDIATE</c> transaction.
    /// </summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Operations.Import)]
    public async Task<long> Import_RawAdoNet()
    {
        await using var connection = await new RawConnections(ImportTarget.Options).OpenAsync();
        using var transaction = connection.BeginTransaction();
        using var insertAuthor = PrepareInsert(connection, transaction, ImportSql.InsertAuthor, "@AuthorId", "@FirstName", "@LastName");
        using var insertPublisher = PrepareInsert(connection, transaction, ImportSql.InsertPublisher, "@PublisherId", "@Name");
        using var insertBook = PrepareInsert(connection, transaction, ImportSql.InsertBook, "@BookId", "@AuthorId", "@Title");
        using var insertLink = PrepareInsert(connection, transaction, ImportSql.InsertLink, "@BookId", "@PublisherId");
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
                Run(insertAuthor, authorId, row.FirstName, row.LastName);
            }

            var publisherId = ids.Publisher(row, out var newPublisher);
            if (newPublisher)
            {
                Run(insertPublisher, publisherId, row.Publisher);
            }

            var bookId = ids.Book(row, authorId, out var newBook);
            if (newBook)
            {
                Run(insertBook, bookId, authorId, row.Title);
            }

            Run(insertLink, bookId, publisherId);
        }

        transaction.Commit();
        return rows;
    }

    /// <summary>The CSV options BookData's importer reads the catalog format with.</summary>
    private static CsvReaderOptions ImportCsvOptions => CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        Mode = CsvMode.Rfc4180,
        AllowLineBreaksInQuotes = true,
        SkipEmptyLines = true,
        CommentPrefix = null,
        DetectSeparatorHint = false,
    };

    private static SqliteCommand PrepareInsert(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }
}
