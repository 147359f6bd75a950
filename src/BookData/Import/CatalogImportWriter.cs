using Microsoft.Data.Sqlite;

namespace BookData.Import;

/// <summary>
/// The write side of one import: the catalog's ids held in memory (loaded once, then kept current),
/// and the import's statements prepared once and run with bound parameters for every row.
/// </summary>
/// <remarks>
/// <para>
/// The lookups compare names as the schema's <c>NOCASE</c> columns do, so a row is matched to an existing
/// author, book or publisher exactly when the database's unique constraints would call it the same.
/// </para>
/// <para>
/// The import holds the write lock from the start, so it numbers new rows itself, continuing from the
/// largest id in each table, as SQLite would; that spares a round trip for each new id. The inserts
/// still say <c>ON CONFLICT DO NOTHING</c> and fall back to a lookup when nothing was inserted, so the
/// database stays the judge of identity.
/// </para>
/// </remarks>
internal sealed class CatalogImportWriter : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly Dictionary<AuthorKey, long> authors;
    private readonly Dictionary<string, long> publishers;
    private readonly BookIdLookup books;
    private readonly List<DeferrableIndex> deferredIndexes = [];
    private readonly List<SqliteCommand> commands = [];

    private readonly SqliteCommand insertAuthor;
    private readonly SqliteCommand selectAuthor;
    private readonly SqliteCommand insertPublisher;
    private readonly SqliteCommand selectPublisher;
    private readonly SqliteCommand insertBook;
    private readonly SqliteCommand selectBook;
    private readonly SqliteCommand insertLink;

    private long nextAuthorId;
    private long nextPublisherId;
    private long nextBookId;

    private readonly bool foreignKeysEnforced;

    private CatalogImportWriter(SqliteConnection connection, SqliteTransaction transaction, CatalogSize size, bool foreignKeysEnforced)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.foreignKeysEnforced = foreignKeysEnforced;
        authors = new Dictionary<AuthorKey, long>(size.Authors);
        publishers = new Dictionary<string, long>(size.Publishers, Text.NoCaseComparer.Instance);
        books = new BookIdLookup(size.Books);
        nextAuthorId = size.MaxAuthorId + 1;
        nextPublisherId = size.MaxPublisherId + 1;
        nextBookId = size.MaxBookId + 1;
        StartedEmpty = size is { Authors: 0, Publishers: 0, Books: 0 };

        insertAuthor = Prepare(ImportSql.InsertAuthor, ("@AuthorId", SqliteType.Integer), ("@FirstName", SqliteType.Text), ("@LastName", SqliteType.Text));
        selectAuthor = Prepare(ImportSql.SelectAuthorId, ("@FirstName", SqliteType.Text), ("@LastName", SqliteType.Text));
        insertPublisher = Prepare(ImportSql.InsertPublisher, ("@PublisherId", SqliteType.Integer), ("@Name", SqliteType.Text));
        selectPublisher = Prepare(ImportSql.SelectPublisherId, ("@Name", SqliteType.Text));
        insertBook = Prepare(ImportSql.InsertBook, ("@BookId", SqliteType.Integer), ("@AuthorId", SqliteType.Integer), ("@Title", SqliteType.Text));
        selectBook = Prepare(ImportSql.SelectBookId, ("@AuthorId", SqliteType.Integer), ("@Title", SqliteType.Text));
        insertLink = Prepare(ImportSql.InsertLink, ("@BookId", SqliteType.Integer), ("@PublisherId", SqliteType.Integer));
    }

    public long AuthorsAdded { get; private set; }

    public long PublishersAdded { get; private set; }

    public long BooksAdded { get; private set; }

    public long LinksAdded { get; private set; }

    /// <summary>Whether the catalog had no authors, publishers or books when the import began.</summary>
    public bool StartedEmpty { get; }

    /// <summary>Loads the ids already in the catalog, once, inside the import's transaction (which must hold the write lock).</summary>
    /// <param name="connection">The import's connection.</param>
    /// <param name="transaction">The import's transaction.</param>
    /// <param name="foreignKeysEnforced">
    /// Whether the connection enforces foreign keys; when it does not, <see cref="Complete"/> checks them once for the whole load.
    /// </param>
    public static CatalogImportWriter Create(SqliteConnection connection, SqliteTransaction transaction, bool foreignKeysEnforced)
    {
        var writer = new CatalogImportWriter(connection, transaction, ReadSize(connection, transaction), foreignKeysEnforced);
        try
        {
            writer.LoadExisting();
            if (writer.StartedEmpty)
            {
                writer.DeferSecondaryIndexes();
            }

            return writer;
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Adds one normalized row: the author, publisher and book when they are new, and the link when it is.</summary>
    public void Add(string firstName, string lastName, string title, string publisherName)
    {
        var authorId = GetOrAddAuthor(firstName, lastName);
        var publisherId = GetOrAddPublisher(publisherName);
        var bookId = GetOrAddBook(authorId, title);

        insertLink.Parameters[0].Value = bookId;
        insertLink.Parameters[1].Value = publisherId;
        LinksAdded += insertLink.ExecuteNonQuery();
    }

    /// <summary>
    /// Rebuilds the indexes that were set aside for the load and, when the connection did not enforce
    /// foreign keys, checks them once for the tables the import wrote. Call it before committing.
    /// </summary>
    /// <exception cref="BookDataDatabaseException">A row the import wrote refers to a row that does not exist.</exception>
    public void Complete()
    {
        foreach (var index in deferredIndexes)
        {
            using var create = NewCommand(index.Create);
            create.ExecuteNonQuery();
        }

        deferredIndexes.Clear();

        if (!foreignKeysEnforced)
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
        foreach (var command in commands)
        {
            command.Dispose();
        }
    }

    private static CatalogSize ReadSize(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ImportSql.CatalogSize;
        using var reader = command.ExecuteReader();
        reader.Read();
        return new CatalogSize(
            checked((int)reader.GetInt64(0)),
            checked((int)reader.GetInt64(1)),
            checked((int)reader.GetInt64(2)),
            reader.GetInt64(3),
            reader.GetInt64(4),
            reader.GetInt64(5));
    }

    /// <summary>
    /// Into an empty catalog, building the secondary (non-unique) indexes once after the load is much
    /// faster than keeping them current row by row. Only indexes whose definition is exactly the one
    /// the import knows are set aside; the unique constraints, which decide identity, stay live.
    /// Everything happens inside the import's transaction, so other connections never see the catalog
    /// without them, and a rollback restores them.
    /// </summary>
    private void DeferSecondaryIndexes()
    {
        var definitions = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var command = NewCommand(ImportSql.SelectSecondaryIndexes))
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
            }
        }
    }

    private void LoadExisting()
    {
        using (var command = NewCommand(ImportSql.SelectAuthors))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                authors[new AuthorKey(reader.GetString(2), reader.GetString(1))] = reader.GetInt64(0);
            }
        }

        using (var command = NewCommand(ImportSql.SelectPublishers))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                publishers[reader.GetString(1)] = reader.GetInt64(0);
            }
        }

        using (var command = NewCommand(ImportSql.SelectBooks))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                books.Add(reader.GetInt64(1), reader.GetString(2), reader.GetInt64(0));
            }
        }
    }

    private long GetOrAddAuthor(string firstName, string lastName)
    {
        var key = new AuthorKey(lastName, firstName);
        if (authors.TryGetValue(key, out var id))
        {
            return id;
        }

        insertAuthor.Parameters[0].Value = nextAuthorId;
        insertAuthor.Parameters[1].Value = firstName;
        insertAuthor.Parameters[2].Value = lastName;
        if (insertAuthor.ExecuteNonQuery() == 1)
        {
            id = nextAuthorId++;
            AuthorsAdded++;
        }
        else
        {
            selectAuthor.Parameters[0].Value = firstName;
            selectAuthor.Parameters[1].Value = lastName;
            id = (long)selectAuthor.ExecuteScalar()!;
        }

        authors.Add(key, id);
        return id;
    }

    private long GetOrAddPublisher(string name)
    {
        if (publishers.TryGetValue(name, out var id))
        {
            return id;
        }

        insertPublisher.Parameters[0].Value = nextPublisherId;
        insertPublisher.Parameters[1].Value = name;
        if (insertPublisher.ExecuteNonQuery() == 1)
        {
            id = nextPublisherId++;
            PublishersAdded++;
        }
        else
        {
            selectPublisher.Parameters[0].Value = name;
            id = (long)selectPublisher.ExecuteScalar()!;
        }

        publishers.Add(name, id);
        return id;
    }

    private long GetOrAddBook(long authorId, string title)
    {
        if (books.TryGetValue(authorId, title, out var id))
        {
            return id;
        }

        insertBook.Parameters[0].Value = nextBookId;
        insertBook.Parameters[1].Value = authorId;
        insertBook.Parameters[2].Value = title;
        if (insertBook.ExecuteNonQuery() == 1)
        {
            id = nextBookId++;
            BooksAdded++;
        }
        else
        {
            selectBook.Parameters[0].Value = authorId;
            selectBook.Parameters[1].Value = title;
            id = (long)selectBook.ExecuteScalar()!;
        }

        books.Add(authorId, title, id);
        return id;
    }

    private SqliteCommand NewCommand(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private SqliteCommand Prepare(string sql, params ReadOnlySpan<(string Name, SqliteType Type)> parameters)
    {
        var command = NewCommand(sql);
        commands.Add(command);
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        command.Prepare();
        return command;
    }

    /// <summary>The catalog's row counts and largest ids when the import began.</summary>
    private readonly record struct CatalogSize(int Authors, int Publishers, int Books, long MaxAuthorId, long MaxPublisherId, long MaxBookId);
}
