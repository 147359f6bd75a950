using System.Text;
using BookData.Import;
using BookData.Import.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace BookData.PostgreSql.Import;

/// <summary>
/// An import into an empty PostgreSQL catalog with the ids given by the client: the rows are matched while the file
/// is read (<see cref="CatalogIds"/>, new ids in order of first appearance, from the identity sequences' next
/// values), and each table then gets one binary <c>COPY</c> of its final rows, in the order of its costliest index.
/// </summary>
/// <remarks>
/// <para>
/// The client matches names as SQLite's <c>NOCASE</c> does (ASCII letters without regard to case). <c>citext</c>
/// folds every letter with the database's <c>lower()</c>, so it can only call more names equal, never fewer, once
/// the server is known to fold ASCII the same way (<see cref="PostgreSqlImportSql.FoldsAsciiLikeTheClient"/>).
/// Only names with a non-ASCII character can be merged further: before anything is written, the server folds
/// those (<see cref="PostgreSqlImportSql.Lower"/>) and <see cref="MatchesTheServerAsync"/> looks for a name that
/// would then equal another. When there is one, the import stages the matched rows
/// (<see cref="StageAsync"/>) and lets the set-based statements match them with the server's own folding.
/// </para>
/// <para>
/// Memory: the names once each in UTF-8 (<see cref="Utf8IdLookup"/>) and 8 bytes per row for its book and
/// publisher. Measured in docs/benchmarks.md (PostgreSQL).
/// </para>
/// </remarks>
internal sealed class PostgreSqlEmptyCatalogLoad
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly long firstAuthorId;
    private readonly long firstPublisherId;
    private readonly long firstBookId;

    /// <summary>Every good row's book and publisher (their ids less the first new ones), in file order.</summary>
    private long[] links = new long[1 << 16];
    private int linkCount;

    /// <summary>The new authors, publishers and books by id (less the first new one), once the input has been read.</summary>
    private Utf8IdLookup.KeyEntry[] authors = [];
    private Utf8IdLookup.KeyEntry[] publishers = [];
    private Utf8IdLookup.KeyEntry[] books = [];

    /// <summary>The server's folding of the names with a non-ASCII character, by entity index; their sort keys.</summary>
    private readonly Dictionary<int, byte[]> authorSortKeys = [];
    private readonly Dictionary<int, byte[]> publisherSortKeys = [];
    private readonly Dictionary<int, byte[]> bookSortKeys = [];

    private PostgreSqlEmptyCatalogLoad(NpgsqlConnection connection, NpgsqlTransaction transaction, long firstAuthorId, long firstPublisherId, long firstBookId)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.firstAuthorId = firstAuthorId;
        this.firstPublisherId = firstPublisherId;
        this.firstBookId = firstBookId;
        Ids = CatalogIds.ForEmptyCatalog(firstAuthorId, firstPublisherId, firstBookId);
    }

    /// <summary>Matches the rows to ids on the reading thread.</summary>
    public CatalogIds Ids { get; }

    /// <summary>New authors so far.</summary>
    public int AuthorCount => checked((int)(Ids.NextAuthorId - firstAuthorId));

    /// <summary>New publishers so far.</summary>
    public int PublisherCount => checked((int)(Ids.NextPublisherId - firstPublisherId));

    /// <summary>New books so far.</summary>
    public int BookCount => checked((int)(Ids.NextBookId - firstBookId));

    /// <summary>Starts a load: reads the ids the identity sequences give next.</summary>
    public static async Task<PostgreSqlEmptyCatalogLoad> StartAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(PostgreSqlImportSql.NextIds, connection, transaction) { CommandTimeout = 0 };
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                return new PostgreSqlEmptyCatalogLoad(connection, transaction, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            }
        }
    }

    /// <summary>Keeps the book and publisher of good, matched rows <c>[first, end)</c> of a batch.</summary>
    public ValueTask AddAsync(ImportBatch batch, int first, int end)
    {
        foreach (ref readonly var row in batch.Rows[first..end])
        {
            if (linkCount == links.Length)
            {
                Array.Resize(ref links, links.Length * 2);
            }

            links[linkCount++] = ((row.BookId - firstBookId) << 32) | (row.PublisherId - firstPublisherId);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Whether the server's folding groups the names exactly as the client matched them; asks the server to fold
    /// the names that hold a non-ASCII character (none: no statement) and keeps its answers as their sort keys.
    /// </summary>
    public async Task<bool> MatchesTheServerAsync(CancellationToken cancellationToken)
    {
        authors = Ids.Authors.KeysFrom(firstAuthorId, AuthorCount);
        publishers = Ids.Publishers.KeysFrom(firstPublisherId, PublisherCount);
        books = Ids.Books.KeysFrom(firstBookId, BookCount);
        var values = new List<string>();
        var nonAsciiAuthors = new List<int>();
        var nonAsciiPublishers = new List<int>();
        var nonAsciiBooks = new List<int>();
        for (var i = 0; i < authors.Length; i++)
        {
            var name = Ids.Authors.NameOf(authors[i]);
            if (!System.Text.Ascii.IsValid(name))
            {
                nonAsciiAuthors.Add(i);
                var separator = name.IndexOf(CatalogIds.NameSeparator);
                values.Add(Encoding.UTF8.GetString(name[..separator]));
                values.Add(Encoding.UTF8.GetString(name[(separator + 1)..]));
            }
        }

        Collect(Ids.Publishers, publishers, nonAsciiPublishers, values);
        Collect(Ids.Books, books, nonAsciiBooks, values);
        if (values.Count == 0)
        {
            ForgetIds();
            return true;
        }

        var lowered = await LowerAsync(values, cancellationToken).ConfigureAwait(false);
        var next = 0;
        var seen = new HashSet<(long Scope, string Key)>();
        foreach (var i in nonAsciiAuthors)
        {
            var key = lowered[next++] + (char)CatalogIds.NameSeparator + lowered[next++];
            if (!IsOwnKey(Ids.Authors, seen, 0, key, firstAuthorId + i, out var utf8))
            {
                return false;
            }

            authorSortKeys[i] = utf8;
        }

        seen.Clear();
        foreach (var i in nonAsciiPublishers)
        {
            if (!IsOwnKey(Ids.Publishers, seen, 0, lowered[next++], firstPublisherId + i, out var utf8))
            {
                return false;
            }

            publisherSortKeys[i] = utf8;
        }

        seen.Clear();
        foreach (var i in nonAsciiBooks)
        {
            // Authors are not merged (checked above), so a book's author is the server's too.
            if (!IsOwnKey(Ids.Books, seen, books[i].Scope, lowered[next++], firstBookId + i, out var utf8))
            {
                return false;
            }

            bookSortKeys[i] = utf8;
        }

        ForgetIds();
        return true;

        // Nothing is looked up any more: the maps' memory goes before the copies need theirs.
        void ForgetIds()
        {
            Ids.Authors.ForgetIds();
            Ids.Publishers.ForgetIds();
            Ids.Books.ForgetIds();
        }

        static void Collect(Utf8IdLookup lookup, Utf8IdLookup.KeyEntry[] keys, List<int> nonAscii, List<string> values)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                var name = lookup.NameOf(keys[i]);
                if (!System.Text.Ascii.IsValid(name))
                {
                    nonAscii.Add(i);
                    values.Add(Encoding.UTF8.GetString(name));
                }
            }
        }

        // The server's key of a name must name no other entity: not one whose ASCII spelling folds to it (the lookup
        // finds those), nor another non-ASCII name with the same key.
        static bool IsOwnKey(Utf8IdLookup lookup, HashSet<(long, string)> seen, long scope, string key, long id, out byte[] utf8)
        {
            utf8 = Encoding.UTF8.GetBytes(key);
            return seen.Add((scope, key)) && (!lookup.TryGetValue(scope, utf8, out var found) || found == id);
        }
    }

    /// <summary>
    /// Writes one staging row per good row (in file order, numbered from 1), with the first spelling of its author,
    /// title and publisher: the set-based statements then find every name's first row and spelling as they would
    /// have from the file itself.
    /// </summary>
    public async Task StageAsync(NpgsqlBinaryImporter importer, CancellationToken cancellationToken)
    {
        var authorNames = new (string First, string Last)?[authors.Length];
        var publisherNames = new string?[publishers.Length];
        for (var i = 0; i < linkCount; i++)
        {
            var book = books[(int)(links[i] >> 32)];
            var authorIndex = (int)(book.Scope - firstAuthorId);
            var author = authorNames[authorIndex] ??= AuthorName(Ids.Authors.NameOf(authors[authorIndex]));
            var publisherIndex = (int)(links[i] & uint.MaxValue);
            var publisher = publisherNames[publisherIndex] ??= Encoding.UTF8.GetString(Ids.Publishers.NameOf(publishers[publisherIndex]));
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(i + 1L, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(author.First, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(author.Last, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(Encoding.UTF8.GetString(Ids.Books.NameOf(book)), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(publisher, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Copies the new authors, publishers, books and links into the catalog, whose indexes are set aside: authors in
    /// the order of their name index, publishers of theirs, books of the title index (<c>citext COLLATE "C"</c>
    /// orders as the folded bytes), links of their primary key; so those index builds find their rows sorted.
    /// Then moves the identity sequences past the new ids.
    /// </summary>
    /// <returns>The links added (the file's distinct book–publisher pairs).</returns>
    public async Task<long> CopyAsync(CancellationToken cancellationToken)
    {
        var order = SortedByKey(Ids.Authors, authors, authorSortKeys, byScope: false);
        await CopyAsync(PostgreSqlImportSql.CopyAuthors, order, async (importer, i) =>
        {
            var (first, last) = AuthorName(Ids.Authors.NameOf(authors[i]));
            await importer.WriteAsync(firstAuthorId + i, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(first, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(last, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        order = SortedByKey(Ids.Publishers, publishers, publisherSortKeys, byScope: false);
        await CopyAsync(PostgreSqlImportSql.CopyPublishers, order, async (importer, i) =>
        {
            await importer.WriteAsync(firstPublisherId + i, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(Encoding.UTF8.GetString(Ids.Publishers.NameOf(publishers[i])), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        order = SortedByKey(Ids.Books, books, bookSortKeys, byScope: true);
        await CopyAsync(PostgreSqlImportSql.CopyBooks, order, async (importer, i) =>
        {
            await importer.WriteAsync(firstBookId + i, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(books[i].Scope, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(Encoding.UTF8.GetString(Ids.Books.NameOf(books[i])), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        order = [];
        books = [];

        // Book, then publisher: the primary key's order; a pair the file names twice is written once.
        Array.Sort(links, 0, linkCount);
        long linksAdded = 0;
        var linkImporter = await connection.BeginBinaryImportAsync(PostgreSqlImportSql.CopyLinks, cancellationToken).ConfigureAwait(false);
        await using (linkImporter.ConfigureAwait(false))
        {
            for (var i = 0; i < linkCount; i++)
            {
                if (i > 0 && links[i] == links[i - 1])
                {
                    continue;
                }

                await linkImporter.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await linkImporter.WriteAsync(firstBookId + (links[i] >> 32), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await linkImporter.WriteAsync(firstPublisherId + (links[i] & uint.MaxValue), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                linksAdded++;
            }

            await linkImporter.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        var command = new NpgsqlCommand(PostgreSqlImportSql.SetNextIds, connection, transaction) { CommandTimeout = 0 };
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddWithValue("NextAuthorId", Ids.NextAuthorId);
            command.Parameters.AddWithValue("NextPublisherId", Ids.NextPublisherId);
            command.Parameters.AddWithValue("NextBookId", Ids.NextBookId);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return linksAdded;
    }

    private static (string First, string Last) AuthorName(ReadOnlySpan<byte> key)
    {
        var separator = key.IndexOf(CatalogIds.NameSeparator);
        return (Encoding.UTF8.GetString(key[(separator + 1)..]), Encoding.UTF8.GetString(key[..separator]));
    }

    /// <summary>
    /// The entities' indexes in the order of their unique index: by folded name (ASCII letters folded on the fly,
    /// other names by the server's folding), then, for books, by author id.
    /// </summary>
    private static int[] SortedByKey(Utf8IdLookup lookup, Utf8IdLookup.KeyEntry[] keys, Dictionary<int, byte[]> serverKeys, bool byScope)
    {
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (x, y) =>
        {
            var compared = CompareFolded(Key(x), Key(y));
            return compared != 0 || !byScope ? compared : keys[x].Scope.CompareTo(keys[y].Scope);
        });
        return order;

        ReadOnlySpan<byte> Key(int i) => serverKeys.Count > 0 && serverKeys.TryGetValue(i, out var key) ? key : lookup.NameOf(keys[i]);
    }

    /// <summary>Compares as <c>memcmp</c> of the lower-cased bytes, then length (how <c>COLLATE "C"</c> orders).</summary>
    private static int CompareFolded(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            int a = x[i], b = y[i];
            if (a != b)
            {
                a = (uint)(a - 'A') <= 'Z' - 'A' ? a | 0x20 : a;
                b = (uint)(b - 'A') <= 'Z' - 'A' ? b | 0x20 : b;
                if (a != b)
                {
                    return a - b;
                }
            }
        }

        return x.Length - y.Length;
    }

    private async Task<List<string>> LowerAsync(List<string> values, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(PostgreSqlImportSql.Lower, connection, transaction) { CommandTimeout = 0 };
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddWithValue("Values", values.ToArray());
            var lowered = new List<string>(values.Count);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    lowered.Add(reader.GetString(0));
                }
            }

            return lowered;
        }
    }

    private async Task CopyAsync(string copy, int[] order, Func<NpgsqlBinaryImporter, int, Task> writeRow, CancellationToken cancellationToken)
    {
        var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            foreach (var i in order)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writeRow(importer, i).ConfigureAwait(false);
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
