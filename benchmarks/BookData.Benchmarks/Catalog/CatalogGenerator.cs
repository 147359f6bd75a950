using System.Text;
using BookData.Connections;
using BookData.Migrations;
using Microsoft.Data.Sqlite;

namespace BookData.Benchmarks.Catalog;

/// <summary>
/// Builds a catalog file: the schema from BookData's own migrator, then authors, publishers, books and
/// links bulk-inserted with prepared commands in one transaction. The same shape always gives the same rows.
/// </summary>
internal static class CatalogGenerator
{
    public static async Task GenerateAsync(CatalogShape shape, string path)
    {
        var options = new BookDataOptions { ConnectionString = $"Data Source={path}" };
        await new BookDataMigrator(new BookDataConnectionFactory(options)).MigrateAsync();

        var random = new Random(shape.Seed);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = true, Pooling = false }.ToString();
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using (var transaction = connection.BeginTransaction())
            {
                InsertAuthors(connection, transaction, shape, random);
                InsertPublishers(connection, transaction, shape, random);
                InsertBooks(connection, transaction, shape, random);
                transaction.Commit();
            }

            Execute(connection, "VACUUM;");
            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void InsertAuthors(SqliteConnection connection, SqliteTransaction transaction, CatalogShape shape, Random random)
    {
        var names = new List<(string First, string Last)>(CatalogWords.FirstNames.Length * CatalogWords.LastNames.Length);
        foreach (var last in CatalogWords.LastNames)
        {
            foreach (var first in CatalogWords.FirstNames)
            {
                names.Add((first, last));
            }
        }

        if (names.Count < shape.Authors)
        {
            throw new InvalidOperationException($"The vocabulary makes {names.Count} distinct author names; {shape.Authors} were asked for.");
        }

        var shuffled = names.ToArray();
        random.Shuffle(shuffled);

        using var command = Prepare(connection, transaction, "INSERT INTO author (author_id, first_name, last_name) VALUES ($id, $first, $last);", "$id", "$first", "$last");
        for (var i = 0; i < shape.Authors; i++)
        {
            command.Parameters[0].Value = (long)(i + 1);
            command.Parameters[1].Value = shuffled[i].First;
            command.Parameters[2].Value = shuffled[i].Last;
            command.ExecuteNonQuery();
        }
    }

    private static void InsertPublishers(SqliteConnection connection, SqliteTransaction transaction, CatalogShape shape, Random random)
    {
        var words = CatalogWords.PublisherWords;
        var nouns = CatalogWords.PublisherNouns;
        if (words.Length * nouns.Length < shape.Publishers)
        {
            throw new InvalidOperationException($"The vocabulary makes {words.Length * nouns.Length} publisher names; {shape.Publishers} were asked for.");
        }

        using var command = Prepare(connection, transaction, "INSERT INTO publisher (publisher_id, name) VALUES ($id, $name);", "$id", "$name");
        for (var i = 0; i < shape.Publishers; i++)
        {
            var suffix = CatalogWords.PublisherSuffixes[random.Next(CatalogWords.PublisherSuffixes.Length)];
            command.Parameters[0].Value = (long)(i + 1);
            command.Parameters[1].Value = $"{words[i % words.Length]} {nouns[i / words.Length]} {suffix}";
            command.ExecuteNonQuery();
        }
    }

    private static void InsertBooks(SqliteConnection connection, SqliteTransaction transaction, CatalogShape shape, Random random)
    {
        using var book = Prepare(connection, transaction, "INSERT INTO book (book_id, author_id, title) VALUES ($id, $author, $title);", "$id", "$author", "$title");
        using var link = Prepare(connection, transaction, "INSERT INTO book_publisher (book_id, publisher_id) VALUES ($book, $publisher);", "$book", "$publisher");
        var titlesByAuthor = new HashSet<(int Author, string Title)>();
        var publishers = new List<long>(3);

        for (var i = 1; i <= shape.Books; i++)
        {
            int authorId;
            string title;
            do
            {
                authorId = random.Next(shape.Authors) + 1;
                title = Title(random);
            }
            while (!titlesByAuthor.Add((authorId, title.ToUpperInvariant())));

            book.Parameters[0].Value = (long)i;
            book.Parameters[1].Value = (long)authorId;
            book.Parameters[2].Value = title;
            book.ExecuteNonQuery();

            // 60% of books have one publisher, 30% two, 10% three; a few publishers publish far more than the rest.
            var roll = random.Next(10);
            var count = roll < 6 ? 1 : roll < 9 ? 2 : 3;
            publishers.Clear();
            while (publishers.Count < count)
            {
                var publisherId = (long)(shape.Publishers * Math.Pow(random.NextDouble(), 2)) + 1;
                if (!publishers.Contains(publisherId))
                {
                    publishers.Add(publisherId);
                }
            }

            foreach (var publisherId in publishers)
            {
                link.Parameters[0].Value = (long)i;
                link.Parameters[1].Value = publisherId;
                link.ExecuteNonQuery();
            }
        }
    }

    private static string Title(Random random)
    {
        var words = CatalogWords.TitleWords;
        var title = new StringBuilder();
        var roll = random.Next(10);
        if (roll < 3)
        {
            title.Append("The ");
        }

        title.Append(words[random.Next(words.Length)]).Append(' ').Append(words[random.Next(words.Length)]);
        if (roll >= 6)
        {
            title.Append(' ').Append(CatalogWords.TitleLinks[random.Next(CatalogWords.TitleLinks.Length)])
                .Append(' ').Append(words[random.Next(words.Length)]);
        }

        return title.ToString();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
