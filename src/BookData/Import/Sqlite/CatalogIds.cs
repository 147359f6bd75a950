using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using BookData.Text;
using Microsoft.Data.Sqlite;

namespace BookData.Import.Sqlite;

/// <summary>
/// The catalog's ids, held in memory for one import: loaded once at the start (inside the import's
/// transaction, which holds the write lock), then extended as rows bring new authors, publishers and books.
/// </summary>
/// <remarks>
/// <para>
/// Names compare as the schema's <c>NOCASE</c> columns do (ASCII letters without regard to case,
/// everything else exactly), so a row is matched to an existing author, book or publisher exactly
/// when the database's unique constraints would call it the same.
/// </para>
/// <para>
/// Because the import holds the write lock, it numbers new rows itself, continuing from the largest
/// id in each table as SQLite would. That lets the ids be resolved while the file is read, apart from
/// the thread that writes to SQLite.
/// </para>
/// </remarks>
internal sealed class CatalogIds
{
    /// <summary>Joins an author's last and first names into one key; control characters never occur in a name.</summary>
    public const byte NameSeparator = 0;

    private readonly Utf8IdLookup authors;
    private readonly Utf8IdLookup publishers;
    private readonly Utf8IdLookup books;
    private readonly byte[] authorKey = new byte[2 * CatalogText.MaxUtf8ByteCount(CatalogText.MaxNameLength) + 1];
    private readonly byte[] scratch = new byte[CatalogText.MaxUtf8ByteCount(CatalogText.MaxTitleLength)];
    private readonly LastMatch lastAuthor = new(2 * CatalogText.MaxUtf8ByteCount(CatalogText.MaxNameLength) + 1);
    private readonly LastMatch lastBook = new(CatalogText.MaxUtf8ByteCount(CatalogText.MaxTitleLength));

    /// <summary>The rows <see cref="Stage"/> has kept for <see cref="ResolveStaged"/>, their values in <see cref="stagedBytes"/>.</summary>
    private StagedRow[] staged = new StagedRow[CsvRowSource.BatchSize];

    /// <summary>The strings normalization made for the staged rows' values, four a row (most are <see langword="null"/>).</summary>
    private string?[] stagedTexts = new string?[4 * CsvRowSource.BatchSize];
    private int stagedCount;
    private byte[] stagedBytes = new byte[64 * CsvRowSource.BatchSize];
    private int stagedUsed;
    private int[] hashes = [];
    private long[] authorIds = [];
    private long[] publisherIds = [];
    private ImportRowAdds[] stagedAdds = [];
    private long nextAuthorId;
    private long nextPublisherId;
    private long nextBookId;

    private CatalogIds(CatalogSize size)
    {
        authors = new Utf8IdLookup(size.Authors);
        publishers = new Utf8IdLookup(size.Publishers);
        books = new Utf8IdLookup(size.Books);
        // A table whose largest id is long.MaxValue leaves no id: the increment wraps to long.MinValue, which TakeId refuses.
        nextAuthorId = unchecked(size.MaxAuthorId + 1);
        nextPublisherId = unchecked(size.MaxPublisherId + 1);
        nextBookId = unchecked(size.MaxBookId + 1);
        IsCatalogEmpty = size is { Authors: 0, Publishers: 0, Books: 0 };
    }

    /// <summary>The authors: the key is the last name, <see cref="NameSeparator"/> and the first name.</summary>
    public Utf8IdLookup Authors => authors;

    /// <summary>The publishers, by name.</summary>
    public Utf8IdLookup Publishers => publishers;

    /// <summary>The books, by title within their author's id.</summary>
    public Utf8IdLookup Books => books;

    /// <summary>
    /// The id of a new entity, which the import numbers after the table's largest; SQLite's ids end at
    /// <see cref="long.MaxValue"/>, and a table that has reached it can take no new row from the import.
    /// </summary>
    /// <exception cref="BookDataDatabaseException">The table's ids have reached <see cref="long.MaxValue"/>.</exception>
    private static long TakeId(ref long next, string table)
    {
        if (next == long.MinValue)
        {
            throw new BookDataDatabaseException(string.Create(
                CultureInfo.InvariantCulture,
                $"The catalog's {table} ids have reached the largest SQLite allows ({long.MaxValue}), so the import cannot number a new {table}; nothing was written."));
        }

        return unchecked(next++);
    }

    /// <summary>The id the next new author takes.</summary>
    public long NextAuthorId => nextAuthorId;

    /// <summary>The id the next new publisher takes.</summary>
    public long NextPublisherId => nextPublisherId;

    /// <summary>The id the next new book takes.</summary>
    public long NextBookId => nextBookId;

    /// <summary>
    /// Whether <see cref="Resolve"/> hands the values of new entities to the writer as strings (the SQLite writer
    /// binds them); without, the writer reads them from the lookups once the input has been read.
    /// </summary>
    public bool KeepsNewValues { get; private init; } = true;

    /// <summary>
    /// Ids for an empty catalog, new ones numbered from the given ids on; new values stay in the lookups only
    /// (<see cref="KeepsNewValues"/> is false).
    /// </summary>
    public static CatalogIds ForEmptyCatalog(long firstAuthorId, long firstPublisherId, long firstBookId) =>
        new(new CatalogSize(0, 0, 0, firstAuthorId - 1, firstPublisherId - 1, firstBookId - 1)) { KeepsNewValues = false };

    /// <summary>Whether the catalog had no authors, publishers or books when the import began.</summary>
    public bool IsCatalogEmpty { get; }

    /// <summary>Reads every id in the catalog, once.</summary>
    public static CatalogIds Load(SqliteConnection connection, SqliteTransaction transaction)
    {
        var ids = new CatalogIds(ReadSize(connection, transaction));
        using var command = connection.CreateCommand();
        command.Transaction = transaction;

        command.CommandText = ImportSql.SelectAuthors;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var last = ids.Encode(reader.GetString(2));
                var first = Encoding.UTF8.GetBytes(reader.GetString(1));
                ids.authors.Add(0, ids.AuthorKey(last, first), reader.GetInt64(0));
            }
        }

        command.CommandText = ImportSql.SelectPublishers;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.publishers.Add(0, ids.Encode(reader.GetString(1)), reader.GetInt64(0));
            }
        }

        command.CommandText = ImportSql.SelectBooks;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.books.Add(reader.GetInt64(1), ids.Encode(reader.GetString(2)), reader.GetInt64(0));
            }
        }

        return ids;
    }

    /// <summary>
    /// Finds or assigns the ids of a good row and says which of its entities are new; only the values of
    /// new entities become strings, for the writer. The same as <see cref="Stage"/> and <see cref="ResolveStaged"/> for one row.
    /// </summary>
    public ImportRow Resolve(long lineNumber, long byteOffset, in ImportField firstName, in ImportField lastName, in ImportField title, in ImportField publisher)
    {
        var rows = new ImportRow[1];
        Stage(0, lineNumber, byteOffset, firstName, lastName, title, publisher);
        ResolveStaged(rows);
        return rows[0];
    }

    /// <summary>
    /// Keeps a good row, its values copied, for <see cref="ResolveStaged"/> to resolve with the rows staged after it.
    /// </summary>
    /// <param name="position">Where <see cref="ResolveStaged"/> puts the resolved row in the batch it is given.</param>
    /// <param name="lineNumber">The row's first line.</param>
    /// <param name="byteOffset">Where the row starts in the input.</param>
    /// <param name="firstName">The normalized first name.</param>
    /// <param name="lastName">The normalized last name.</param>
    /// <param name="title">The normalized title.</param>
    /// <param name="publisher">The normalized publisher.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Stage(int position, long lineNumber, long byteOffset, in ImportField firstName, in ImportField lastName, in ImportField title, in ImportField publisher)
    {
        if (stagedCount == staged.Length)
        {
            Array.Resize(ref staged, staged.Length * 2);
            Array.Resize(ref stagedTexts, staged.Length * 4);
        }

        var keyStart = StageBytes(lastName.Utf8);
        StageBytes([NameSeparator]);
        StageBytes(firstName.Utf8);
        var titleStart = StageBytes(title.Utf8);
        var publisherStart = StageBytes(publisher.Utf8);
        staged[stagedCount] = new StagedRow(
            position, lineNumber, byteOffset, keyStart, lastName.Utf8.Length, firstName.Utf8.Length, titleStart, title.Utf8.Length, publisherStart, publisher.Utf8.Length);
        if (KeepsNewValues)
        {
            // The strings normalization made, if any, so a new entity's value is not made twice.
            stagedTexts[4 * stagedCount] = firstName.Text;
            stagedTexts[(4 * stagedCount) + 1] = lastName.Text;
            stagedTexts[(4 * stagedCount) + 2] = title.Text;
            stagedTexts[(4 * stagedCount) + 3] = publisher.Text;
        }

        stagedCount++;
    }

    /// <summary>
    /// Finds or assigns the ids of the rows <see cref="Stage"/> has kept, in the order they were staged, and puts each
    /// one at its position in <paramref name="rows"/>; says which entities are new, and only their values become strings.
    /// </summary>
    /// <remarks>
    /// Rows are resolved in three passes over the staged rows, each in file order, so every id is the one resolving
    /// them one by one would give: the authors (and publishers), then the books, whose keys need their authors' ids.
    /// Before each pass the slots its lookups will read are touched (<see cref="Utf8IdLookup.Touch"/>): when a
    /// file's authors are interleaved, nearly every lookup of a row in a big catalog misses the processor's caches,
    /// and one after the other, each waits for memory.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ResolveStaged(ImportRow[] rows)
    {
        if (hashes.Length < stagedCount)
        {
            hashes = new int[staged.Length];
            authorIds = new long[staged.Length];
            publisherIds = new long[staged.Length];
            stagedAdds = new ImportRowAdds[staged.Length];
        }

        for (var i = 0; i < stagedCount; i++)
        {
            hashes[i] = Utf8IdLookup.Hash(0, AuthorKeyOf(staged[i]));
        }

        var touched = authors.Touch(hashes.AsSpan(0, stagedCount));
        for (var i = 0; i < stagedCount; i++)
        {
            var row = staged[i];
            var key = AuthorKeyOf(row);
            ImportRowAdds adds = 0;
            if (!lastAuthor.TryMatch(0, key, out var authorId))
            {
                if (!authors.TryGetValue(0, key, hashes[i], out authorId))
                {
                    authorId = TakeId(ref nextAuthorId, "author");
                    authors.Add(0, key, hashes[i], authorId);
                    adds |= ImportRowAdds.Author;
                }

                lastAuthor.Remember(0, key, authorId);
            }

            var publisher = StagedBytes(row.PublisherStart, row.PublisherLength);
            if (!publishers.TryGetValue(0, publisher, out var publisherId))
            {
                publisherId = TakeId(ref nextPublisherId, "publisher");
                publishers.Add(0, publisher, publisherId);
                adds |= ImportRowAdds.Publisher;
            }

            authorIds[i] = authorId;
            publisherIds[i] = publisherId;
            stagedAdds[i] = adds;
            hashes[i] = Utf8IdLookup.Hash(authorId, StagedBytes(row.TitleStart, row.TitleLength));
        }

        touched ^= books.Touch(hashes.AsSpan(0, stagedCount));
        for (var i = 0; i < stagedCount; i++)
        {
            var row = staged[i];
            var authorId = authorIds[i];
            var title = StagedBytes(row.TitleStart, row.TitleLength);
            var adds = stagedAdds[i];
            if (!lastBook.TryMatch(authorId, title, out var bookId))
            {
                if (!books.TryGetValue(authorId, title, hashes[i], out bookId))
                {
                    bookId = TakeId(ref nextBookId, "book");
                    books.Add(authorId, title, hashes[i], bookId);
                    adds |= ImportRowAdds.Book;
                }

                lastBook.Remember(authorId, title, bookId);
            }

            var keep = KeepsNewValues;
            rows[row.Position] = new ImportRow(
                row.LineNumber,
                row.ByteOffset,
                keep && (adds & ImportRowAdds.Author) != 0 ? StagedText(i, 0, row.KeyStart + row.LastNameLength + 1, row.FirstNameLength) : string.Empty,
                keep && (adds & ImportRowAdds.Author) != 0 ? StagedText(i, 1, row.KeyStart, row.LastNameLength) : string.Empty,
                keep && (adds & ImportRowAdds.Book) != 0 ? StagedText(i, 2, row.TitleStart, row.TitleLength) : string.Empty,
                keep && (adds & ImportRowAdds.Publisher) != 0 ? StagedText(i, 3, row.PublisherStart, row.PublisherLength) : string.Empty,
                null,
                null)
            {
                AuthorId = authorId,
                PublisherId = publisherIds[i],
                BookId = bookId,
                Adds = adds,
            };
        }

        Touched = touched;
        Array.Clear(stagedTexts, 0, 4 * stagedCount);
        stagedCount = 0;
        stagedUsed = 0;
    }

    /// <summary>What the touches read; kept only so that they are not left out as unused.</summary>
    private int Touched { get; set; }

    private ReadOnlySpan<byte> AuthorKeyOf(in StagedRow row) => StagedBytes(row.KeyStart, row.LastNameLength + 1 + row.FirstNameLength);

    private ReadOnlySpan<byte> StagedBytes(int start, int length) => stagedBytes.AsSpan(start, length);

    /// <summary>Field <paramref name="field"/> of staged row <paramref name="index"/> as a string: the one normalization made, or one made from its bytes.</summary>
    private string StagedText(int index, int field, int start, int length) =>
        stagedTexts[(4 * index) + field] ?? (length == 0 ? string.Empty : Encoding.UTF8.GetString(stagedBytes, start, length));

    /// <summary>Copies bytes to the staged rows' store and says where they start.</summary>
    private int StageBytes(ReadOnlySpan<byte> bytes)
    {
        if (stagedUsed + bytes.Length > stagedBytes.Length)
        {
            Array.Resize(ref stagedBytes, Math.Max(stagedBytes.Length * 2, stagedUsed + bytes.Length));
        }

        bytes.CopyTo(stagedBytes.AsSpan(stagedUsed));
        var start = stagedUsed;
        stagedUsed += bytes.Length;
        return start;
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

    /// <summary>The last name, a separator and the first name: equal keys are equal names, compared as <c>NOCASE</c> does.</summary>
    private ReadOnlySpan<byte> AuthorKey(ReadOnlySpan<byte> lastName, ReadOnlySpan<byte> firstName)
    {
        lastName.CopyTo(authorKey);
        authorKey[lastName.Length] = NameSeparator;
        firstName.CopyTo(authorKey.AsSpan(lastName.Length + 1));
        return authorKey.AsSpan(0, lastName.Length + 1 + firstName.Length);
    }

    private ReadOnlySpan<byte> Encode(string value) =>
        scratch.AsSpan(0, Encoding.UTF8.GetBytes(value, scratch));

    /// <summary>
    /// The key and id of the previous row's author or book. A file sorted by author, as exports are, names
    /// the same author on row after row and a book with two publishers on two rows in a row; comparing
    /// with the previous key is cheaper than hashing into a lookup of a million names. Only identical
    /// bytes match here; the same name spelt in another case is left to the lookup.
    /// </summary>
    private sealed class LastMatch(int maxKeyLength)
    {
        private readonly byte[] name = new byte[maxKeyLength];
        private int length = -1;
        private long scope;
        private long id;

        public bool TryMatch(long scope, ReadOnlySpan<byte> key, out long id)
        {
            id = this.id;
            return scope == this.scope && key.Length == length && key.SequenceEqual(name.AsSpan(0, length));
        }

        public void Remember(long scope, ReadOnlySpan<byte> key, long id)
        {
            key.CopyTo(name);
            length = key.Length;
            this.scope = scope;
            this.id = id;
        }
    }

    /// <summary>A good row kept by <see cref="Stage"/>: where it goes, where it is in the input, and where its values are.</summary>
    private readonly record struct StagedRow(
        int Position, long LineNumber, long ByteOffset, int KeyStart, int LastNameLength, int FirstNameLength, int TitleStart, int TitleLength, int PublisherStart, int PublisherLength);

    /// <summary>The catalog's row counts and largest ids when the import began.</summary>
    private readonly record struct CatalogSize(int Authors, int Publishers, int Books, long MaxAuthorId, long MaxPublisherId, long MaxBookId);
}
