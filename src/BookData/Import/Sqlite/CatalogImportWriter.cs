using System.Globalization;
using System.Runtime.CompilerServices;
using BookData.Connections;
using Microsoft.Data.Sqlite;

namespace BookData.Import.Sqlite;

/// <summary>
/// The write side of one import: the import's statements, prepared once and run with bound parameters
/// in the import's transaction (see <see cref="NativeStatement"/>). New authors and publishers are written
/// at once; new books and links wait to be written many to a statement, books before the links that may
/// refer to them whenever the connection enforces foreign keys.
/// </summary>
internal sealed class CatalogImportWriter : IDisposable
{
    /// <summary>
    /// The page cache while the set-aside indexes are built, in MiB; it also sizes the sorter's runs. 1 MiB is
    /// about SQLite's smallest run (250 pages); at 1M rows it built the (then two) indexes fastest of 1, 2, 4, 8 and 64 MiB.
    /// </summary>
    private const int IndexBuildCacheMiB = 1;

    /// <summary>
    /// Helper threads SQLite's sorter may use while the set-aside indexes are built (<c>PRAGMA threads</c>): the
    /// load's second thread is idle by then. At 1M rows the title and (author, title) builds took 0.75 → 0.5 s each.
    /// </summary>
    private const int IndexBuildSortThreads = 2;

    /// <summary>
    /// Links to books met earlier in the load (or already in the catalog) gathered before they are sorted and
    /// written (<see cref="WriteHeldLinks"/>): 1 MiB of ids.
    /// </summary>
    private const int LinksHeldBeforeSorting = 65536;

    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly bool foreignKeysEnforced;
    private readonly List<DeferrableIndex> deferredIndexes = [];

    /// <summary>The first id the import gives a new book.</summary>
    private readonly long firstNewBookId;

    /// <summary>
    /// The catalog's title search table's definition, when the import set its trigger aside and may build its index
    /// beside the other index builds (<see cref="DetachedTitleSearch"/>); <see langword="null"/> otherwise.
    /// </summary>
    private string? titleSearchTable;

    /// <summary>The title search index being built beside the other index builds, once the load has ended.</summary>
    private DetachedTitleSearch? titleSearch;
    private readonly List<NativeStatement> statements = [];

    private readonly Insert insertAuthor;
    private readonly Insert insertPublisher;
    private readonly Insert insertBook;
    private readonly Insert insertLink;
    private readonly NativeStatement insertBooks;
    private readonly NativeStatement insertLinks;

    /// <summary>New books waiting for <see cref="insertBooks"/>, in file order.</summary>
    private readonly PendingBook[] pendingBooks = new PendingBook[ImportSql.BooksPerInsert];
    private int pendingBookCount;

    /// <summary>Links waiting for <see cref="insertLinks"/>: book and publisher ids, in pairs.</summary>
    private readonly long[] pendingLinks = new long[2 * ImportSql.LinksPerInsert];
    private int pendingLinkCount;

    /// <summary>Links to books met before, held back until <see cref="LinksHeldBeforeSorting"/> have gathered, in file order.</summary>
    private readonly HeldLink[] heldLinks = new HeldLink[LinksHeldBeforeSorting];
    private int heldLinkCount;

    private CatalogImportWriter(SqliteConnection connection, SqliteTransaction transaction, bool foreignKeysEnforced, long firstNewBookId)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.foreignKeysEnforced = foreignKeysEnforced;
        this.firstNewBookId = firstNewBookId;

        insertAuthor = Prepare(ImportSql.InsertAuthor, "@AuthorId", "@FirstName", "@LastName");
        insertPublisher = Prepare(ImportSql.InsertPublisher, "@PublisherId", "@Name");
        insertBook = Prepare(ImportSql.InsertBook, "@BookId", "@AuthorId", "@Title");
        insertLink = Prepare(ImportSql.InsertLink, "@BookId", "@PublisherId");
        insertBooks = PrepareNumbered(ImportSql.InsertBooks);
        insertLinks = PrepareNumbered(ImportSql.InsertLinks);
    }

    /// <summary>The catalog's ids as the import began, for resolving the rows.</summary>
    public required CatalogIds Ids { get; init; }

    public long AuthorsAdded { get; private set; }

    public long PublishersAdded { get; private set; }

    public long BooksAdded { get; private set; }

    public long LinksAdded { get; private set; }

    /// <summary>Whether <see cref="Complete"/> took the title search index from the build beside the other index builds (<see cref="DetachedTitleSearch"/>).</summary>
    public bool TitleSearchBuiltBeside { get; private set; }

    /// <summary>Loads the ids already in the catalog, once, inside the import's transaction (which must hold the write lock).</summary>
    /// <param name="connection">The import's connection.</param>
    /// <param name="transaction">The import's transaction.</param>
    /// <param name="foreignKeysEnforced">
    /// Whether the connection enforces foreign keys; when it does not, <see cref="Complete"/> checks them once for the whole load.
    /// </param>
    public static CatalogImportWriter Create(SqliteConnection connection, SqliteTransaction transaction, bool foreignKeysEnforced)
    {
        var ids = CatalogIds.Load(connection, transaction);
        var writer = new CatalogImportWriter(connection, transaction, foreignKeysEnforced, ids.NextBookId) { Ids = ids };
        try
        {
            if (ids.IsCatalogEmpty)
            {
                writer.DeferIndexes();
            }

            return writer;
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Takes one resolved row: writes its new author and publisher, and queues its new book and its link
    /// (written when a statement's worth has gathered, or by <see cref="Complete"/>; a link that exists is skipped then).
    /// A link to a book met before is held back and written later in key order (<see cref="WriteHeldLinks"/>).
    /// </summary>
    /// <exception cref="BookDataDatabaseException">
    /// The database holds an entity the import's lookups did not find: this row's author or publisher, or a queued book.
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(in ImportRow row)
    {
        if ((row.Adds & ImportRowAdds.Author) != 0)
        {
            var (statement, at) = insertAuthor;
            statement.Bind(at[0], row.AuthorId);
            statement.Bind(at[1], row.FirstName);
            statement.Bind(at[2], row.LastName);
            Inserted(statement.Execute(), "author", $"{row.FirstName} {row.LastName}".Trim());
            AuthorsAdded++;
        }

        if ((row.Adds & ImportRowAdds.Publisher) != 0)
        {
            var (statement, at) = insertPublisher;
            statement.Bind(at[0], row.PublisherId);
            statement.Bind(at[1], row.Publisher);
            Inserted(statement.Execute(), "publisher", row.Publisher);
            PublishersAdded++;
        }

        if ((row.Adds & ImportRowAdds.Book) != 0)
        {
            pendingBooks[pendingBookCount] = new PendingBook(row.BookId, row.AuthorId, row.Title);
            if (++pendingBookCount == ImportSql.BooksPerInsert)
            {
                WritePendingBooks();
            }
        }

        if ((row.Adds & ImportRowAdds.Book) != 0)
        {
            QueueLink(row.BookId, row.PublisherId);
        }
        else
        {
            heldLinks[heldLinkCount] = new HeldLink(row.BookId, row.PublisherId);
            if (++heldLinkCount == heldLinks.Length)
            {
                WriteHeldLinks();
            }
        }
    }

    /// <summary>
    /// Writes the queued books and links, rebuilds the indexes that were set aside for the load and, when
    /// the connection did not enforce foreign keys, checks them once for the tables the import wrote. Call it
    /// before committing.
    /// </summary>
    /// <param name="cancellationToken">
    /// Stops the work between its steps, and a statement that runs when it is cancelled (SQLite's interrupt); the caller
    /// then rolls the transaction back.
    /// </param>
    /// <exception cref="BookDataDatabaseException">
    /// The database holds a queued book the import's lookups did not find, or a row the import wrote refers to a row that does not exist.
    /// </exception>
    /// <exception cref="OperationCanceledException">The import was cancelled.</exception>
    public void Complete(CancellationToken cancellationToken)
    {
        using (cancellationToken.Register(static state => SQLitePCL.raw.sqlite3_interrupt((SQLitePCL.sqlite3)state!), connection.Handle))
        {
            try
            {
                CompleteSteps(() => cancellationToken.ThrowIfCancellationRequested());
            }
            catch (SqliteException error) when (error.SqliteErrorCode == SQLitePCL.raw.SQLITE_INTERRUPT && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The import was cancelled while it built its indexes.", error, cancellationToken);
            }
        }

        // The interrupt may have come as the last statement ended, and then stopped nothing.
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>The steps of <see cref="Complete"/>, with <paramref name="checkCancellation"/> between them.</summary>
    private void CompleteSteps(Action checkCancellation)
    {
        WriteHeldLinks();
        WritePendingBooks();
        WritePendingLinks();
        checkCancellation();
        StartTitleSearch();
        if (deferredIndexes.Count > 0)
        {
            // SQLite's sorter sizes its in-memory runs by the page cache: one run of a million keys sorts
            // out of the processor's caches, many small runs merged sort in about half the time (and memory).
            using var sortCache = new PageCacheScope(connection, IndexBuildCacheMiB);
            using var sortThreads = new SortThreadsScope(connection, IndexBuildSortThreads);
            foreach (var index in deferredIndexes)
            {
                checkCancellation();
                using var create = NewCommand(index.Create);
                try
                {
                    create.ExecuteNonQuery();
                }
                catch (SqliteException error) when (error.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
                {
                    throw DuplicateBookError(index, error);
                }

                if (index.Fill is not null)
                {
                    TitleSearchBuiltBeside = titleSearch?.TryCopyInto(connection, transaction) == true;
                    if (!TitleSearchBuiltBeside)
                    {
                        FillTitleSearch(index.Fill);
                    }
                }
            }

            deferredIndexes.Clear();
        }

        checkCancellation();
        if (!foreignKeysEnforced && !ReferencesWithinDenseIds())
        {
            using var check = NewCommand(ImportSql.CheckForeignKeys);
            if (check.ExecuteScalar() is string table)
            {
                throw new BookDataDatabaseException(
                    $"The import wrote a row of table '{table}' that refers to a missing row, which should be impossible; nothing was written.");
            }
        }
    }

    public void Dispose()
    {
        titleSearch?.Dispose();
        foreach (var statement in statements)
        {
            statement.Dispose();
        }
    }

    /// <summary>
    /// Writes the new books that <see cref="Write"/> has collected: a full set with one statement, fewer (at
    /// the end, or before links that may refer to them) one by one.
    /// </summary>
    /// <exception cref="BookDataDatabaseException">The database holds a book the import's lookups did not find.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WritePendingBooks()
    {
        if (pendingBookCount == ImportSql.BooksPerInsert)
        {
            for (var i = 0; i < pendingBooks.Length; i++)
            {
                var (bookId, authorId, title) = pendingBooks[i];
                insertBooks.Bind((3 * i) + 1, bookId);
                insertBooks.Bind((3 * i) + 2, authorId);
                insertBooks.Bind((3 * i) + 3, title);
            }

            if (insertBooks.Execute() != pendingBookCount)
            {
                // Which one: the book whose id did not make it into the table.
                var missing = pendingBooks.Where(book => !BookExists(book.BookId)).Select(book => book.Title).FirstOrDefault()
                    ?? throw new BookDataDatabaseException(
                        $"The import wrote fewer books than it meant to among '{pendingBooks[0].Title}' to '{pendingBooks[^1].Title}', which should be impossible; nothing was written.");
                Inserted(0, "book", missing);
            }
        }
        else
        {
            var (statement, at) = insertBook;
            for (var i = 0; i < pendingBookCount; i++)
            {
                var (bookId, authorId, title) = pendingBooks[i];
                statement.Bind(at[0], bookId);
                statement.Bind(at[1], authorId);
                statement.Bind(at[2], title);
                Inserted(statement.Execute(), "book", title);
            }
        }

        BooksAdded += pendingBookCount;
        Array.Clear(pendingBooks);
        pendingBookCount = 0;
    }

    /// <summary>Queues a link for <see cref="WritePendingLinks"/>, which runs when a statement's worth has gathered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void QueueLink(long bookId, long publisherId)
    {
        pendingLinks[2 * pendingLinkCount] = bookId;
        pendingLinks[(2 * pendingLinkCount) + 1] = publisherId;
        if (++pendingLinkCount == ImportSql.LinksPerInsert)
        {
            WritePendingLinks();
        }
    }

    /// <summary>
    /// Writes the held links in the order of book_publisher's primary key. A link to a new book goes at the
    /// end of that key (the book has the highest id yet) and is written as it comes; a link to a book met
    /// before (its second publisher, further down the file) lands anywhere in the key, and hundreds of thousands of those
    /// written in file order cost a page cache lookup and a descent of the tree each. Sorted, consecutive links
    /// share their pages (measured at 1M rows, authors interleaved: about 0.35 CPU-seconds less, the same wall time; docs/benchmarks.md).
    /// Links have no ids, so the order they are written in is not seen; a duplicate is left out as before.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteHeldLinks()
    {
        Array.Sort(heldLinks, 0, heldLinkCount);
        for (var i = 0; i < heldLinkCount; i++)
        {
            QueueLink(heldLinks[i].BookId, heldLinks[i].PublisherId);
        }

        heldLinkCount = 0;
    }

    /// <summary>
    /// Writes the links that <see cref="Write"/> has collected: a full set with one statement, fewer (at the
    /// end) one by one. Links to a book already linked to that publisher, in the catalog or earlier in the
    /// file, are left out by the statements' <c>ON CONFLICT DO NOTHING</c>. When the connection enforces
    /// foreign keys, the books waiting to be written go first (some one by one), since the links may refer to
    /// them; when it does not (an import into an empty catalog, checked in <see cref="Complete"/>), the books
    /// keep waiting for a full statement.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WritePendingLinks()
    {
        if (foreignKeysEnforced)
        {
            WritePendingBooks();
        }

        if (pendingLinkCount == ImportSql.LinksPerInsert)
        {
            for (var i = 0; i < pendingLinks.Length; i++)
            {
                insertLinks.Bind(i + 1, pendingLinks[i]);
            }

            LinksAdded += insertLinks.Execute();
        }
        else
        {
            var (statement, at) = insertLink;
            for (var i = 0; i < pendingLinkCount; i++)
            {
                statement.Bind(at[0], pendingLinks[2 * i]);
                statement.Bind(at[1], pendingLinks[(2 * i) + 1]);
                LinksAdded += statement.Execute();
            }
        }

        pendingLinkCount = 0;
    }

    /// <summary>
    /// An insert of a new entity that inserted nothing met a row the lookups did not find: the database
    /// and the import disagree about identity. Nothing is written rather than something wrong.
    /// </summary>
    private static void Inserted(int rows, string entity, string name)
    {
        if (rows != 1)
        {
            throw new BookDataDatabaseException(
                $"The import found no {entity} '{name}' in the catalog, but the database already holds one with that name; nothing was written.");
        }
    }

    /// <summary>
    /// Into an empty catalog, building indexes once after the load is much faster than keeping them current
    /// row by row: the secondary indexes and, since migration 0003 made it an index, the books' (author, title)
    /// key. Only indexes whose definition is exactly the one the import knows are set aside. The key decides
    /// identity, but the import's own lookups already do (a book met again in the file is not written again);
    /// should they and SQLite disagree, building the key fails and <see cref="DuplicateBookError"/> names the
    /// book. The unique keys of author and publisher, table constraints, stay live. Everything happens inside the
    /// import's transaction, so other connections never see the catalog without them, and a rollback restores them.
    /// </summary>
    private void DeferIndexes()
    {
        var definitions = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var command = NewCommand(ImportSql.SelectDeferrableIndexes))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                definitions[reader.GetString(0)] = reader.GetString(1);
            }
        }

        foreach (var index in ImportSql.DeferrableIndexes)
        {
            if (definitions.TryGetValue(index.Name, out var sql) && string.Equals(sql, index.Create, StringComparison.Ordinal))
            {
                using var drop = NewCommand(index.Drop);
                drop.ExecuteNonQuery();
                deferredIndexes.Add(index);
                if (index.Fill is not null)
                {
                    using var plain = NewCommand(ImportSql.SelectPlainTitleSearchTable);
                    titleSearchTable = plain.ExecuteScalar() is ImportSql.CreateTitleSearchTable ? ImportSql.CreateTitleSearchTable : null;
                }
            }
        }
    }

    /// <summary>
    /// Once the load has ended, starts building the title search index beside the other index builds
    /// (<see cref="DetachedTitleSearch"/>), when the import set its trigger aside, the catalog's search table is
    /// exactly the one migration 0002 creates (whose index is all in the tables the build copies) and carries no
    /// settings of its own (creating it again would lose them), and the new books are numbered without a gap.
    /// </summary>
    private void StartTitleSearch()
    {
        var newBooks = Ids.NextBookId - firstNewBookId;
        if (titleSearchTable is not null && titleSearch is null && newBooks > 0 && newBooks == BooksAdded && newBooks <= int.MaxValue)
        {
            titleSearch = DetachedTitleSearch.Start(titleSearchTable, Ids.Books, firstNewBookId, (int)newBooks);
        }
    }

    /// <summary>
    /// Proves the foreign keys of book and book_publisher hold without looking each one up: when each parent
    /// table's ids are exactly 1 to its row count (as an import into an empty catalog numbers them) and every
    /// reference lies in that range, every reference has its row. A few index lookups and counts instead of
    /// a lookup per book and two per link (16 ms instead of 0.28 s at 1M rows). When the ids have gaps, or the
    /// tables have foreign keys other than the three it knows, this proves nothing, and <see cref="Complete"/>
    /// checks each reference.
    /// </summary>
    private bool ReferencesWithinDenseIds()
    {
        using var command = NewCommand(ImportSql.ReferencesWithinDenseIds);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>
    /// Runs the fill of the title search index with FTS5 gathering more in memory between segments
    /// (<see cref="ImportSql.TitleSearchFillHashBytes"/>), then puts the index's setting back as it was, so the
    /// catalog keeps no trace of it.
    /// </summary>
    private void FillTitleSearch(string fillSql)
    {
        object? stored;
        using (var read = NewCommand(ImportSql.SelectTitleSearchHashSize))
        {
            stored = read.ExecuteScalar();
        }

        SetTitleSearchHashSize(ImportSql.TitleSearchFillHashBytes);
        using (var fill = NewCommand(fillSql))
        {
            fill.ExecuteNonQuery();
        }

        if (stored is null or DBNull)
        {
            SetTitleSearchHashSize(ImportSql.TitleSearchDefaultHashBytes);
            using var forget = NewCommand(ImportSql.ForgetTitleSearchHashSize);
            forget.ExecuteNonQuery();
        }
        else
        {
            SetTitleSearchHashSize(Convert.ToInt64(stored, CultureInfo.InvariantCulture));
        }
    }

    private void SetTitleSearchHashSize(long bytes)
    {
        using var command = NewCommand(ImportSql.SetTitleSearchHashSize);
        command.Parameters.AddWithValue("@Bytes", bytes);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// A unique index set aside for the load could not be built: the load wrote one book twice (the import's
    /// lookups and SQLite disagree about which titles are equal). Names the book; nothing is written.
    /// </summary>
    private BookDataDatabaseException DuplicateBookError(DeferrableIndex index, SqliteException error)
    {
        using var command = NewCommand(ImportSql.SelectDuplicateBook);
        return command.ExecuteScalar() is string title
            ? new BookDataDatabaseException(
                $"The import wrote the book '{title}' twice for one author, which should be impossible; nothing was written.", error)
            : new BookDataDatabaseException(
                $"The import could not build the index '{index.Name}' after the load ({error.Message}); nothing was written.", error);
    }

    private bool BookExists(long bookId)
    {
        using var command = NewCommand(ImportSql.BookExists);
        command.Parameters.AddWithValue("@BookId", bookId);
        return command.ExecuteScalar() is not null;
    }

    private SqliteCommand NewCommand(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Prepares a statement whose parameters are bound by number, and disposes of it with the writer.</summary>
    private NativeStatement PrepareNumbered(string sql)
    {
        var statement = new NativeStatement(connection, sql);
        statements.Add(statement);
        return statement;
    }

    private Insert Prepare(string sql, params ReadOnlySpan<string> parameters)
    {
        var statement = PrepareNumbered(sql);
        var indexes = new int[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            indexes[i] = statement.ParameterIndex(parameters[i]);
        }

        return new Insert(statement, indexes);
    }

    /// <summary>A prepared insert and the positions of its parameters, in the order <see cref="Prepare"/> named them.</summary>
    private readonly record struct Insert(NativeStatement Statement, int[] At);

    /// <summary>A new book that waits to be written with others.</summary>
    private readonly record struct PendingBook(long BookId, long AuthorId, string Title);

    /// <summary>A link to a book met before, held back to be written in key order.</summary>
    private readonly record struct HeldLink(long BookId, long PublisherId) : IComparable<HeldLink>
    {
        public int CompareTo(HeldLink other) =>
            BookId != other.BookId ? BookId.CompareTo(other.BookId) : PublisherId.CompareTo(other.PublisherId);
    }
}
