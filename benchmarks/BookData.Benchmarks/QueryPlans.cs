using BookData.Benchmarks.Catalog;
using BookData.Books;
using BookData.Reports;

namespace BookData.Benchmarks;

/// <summary>Prints SQLite's plan (EXPLAIN QUERY PLAN) for the statements the suite measures, with and without the publisher index.</summary>
public static class QueryPlans
{
    private static readonly (string Name, string Sql)[] Statements =
    [
        ("books per publisher", ReportSql.BooksPerPublisherDescending),
        ("authors per publisher", ReportSql.AuthorsPerPublisherDescending),
        ("books per author", ReportSql.BooksPerAuthorDescending),
        ("counts", ReportSql.Counts),
        ("hierarchy", ReportSql.Hierarchy),
        ("title search count", BookSql.CountMatchingTitle),
        ("title search page", BookSql.SearchByTitle),
    ];

    public static void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var withIndex in new[] { true, false })
        {
            using var catalog = BenchmarkCatalog.Create(CatalogShape.Default, withIndex);
            using var connection = catalog.OpenPlain();
            output.WriteLine($"## {(withIndex ? "with" : "without")} ix_book_publisher_publisher ({new FileInfo(catalog.Path).Length / 1024} KiB file)");
            foreach (var (name, sql) in Statements)
            {
                output.WriteLine();
                output.WriteLine($"{name}:");
                using var command = connection.CreateCommand();
                command.CommandText = "EXPLAIN QUERY PLAN " + sql;
                command.Parameters.AddWithValue("@Pattern", "%river%");
                command.Parameters.AddWithValue("@Limit", 50);
                command.Parameters.AddWithValue("@Offset", 0);
                using var reader = command.ExecuteReader();
                var depth = new Dictionary<long, int> { [0] = 0 };
                while (reader.Read())
                {
                    var id = reader.GetInt64(0);
                    var level = depth.GetValueOrDefault(reader.GetInt64(1)) + 1;
                    depth[id] = level;
                    output.WriteLine($"{new string(' ', 2 * level)}{reader.GetString(3)}");
                }
            }

            output.WriteLine();
        }
    }
}
