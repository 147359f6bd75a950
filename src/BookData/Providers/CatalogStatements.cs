using BookData.Authors;
using BookData.Books;
using BookData.Export;
using BookData.Migrations;
using BookData.Publishers;
using BookData.Reports;

namespace BookData.Providers;

/// <summary>
/// The statements whose text differs between engines, each a whole constant statement from an <c>XxxSql</c>
/// class. Every other statement is the same on every engine and is used from its <c>XxxSql</c> class directly.
/// </summary>
internal sealed class CatalogStatements
{
    /// <summary>SQLite's statements.</summary>
    public static CatalogStatements Sqlite { get; } = new()
    {
        FindAuthorByName = AuthorSql.FindByNameSqlite,
        FindPublisherByName = PublisherSql.FindByNameSqlite,
        FindBookByAuthorAndTitle = BookSql.FindByAuthorAndTitleSqlite,
        ExportRows = ExportSql.SelectRowsSqlite,
        AuthorsPerPublisherAscending = ReportSql.AuthorsPerPublisherAscending,
        AuthorsPerPublisherDescending = ReportSql.AuthorsPerPublisherDescending,
        Counts = ReportSql.Counts,
        CreateJournal = MigrationSql.CreateJournalSqlite,
        JournalExists = MigrationSql.JournalExistsSqlite,
        CountSchemaObjects = MigrationSql.CountSchemaObjectsSqlite,
        HealthProbe = "SELECT count(*) FROM sqlite_schema;",
        HealthRead = AuthorSql.HealthReadSqlite,
    };

    /// <summary>Finds an author by first and last name (<c>@FirstName</c>, <c>@LastName</c>), ignoring case as the schema does.</summary>
    public required string FindAuthorByName { get; init; }

    /// <summary>Finds a publisher by name (<c>@Name</c>), ignoring case as the schema does.</summary>
    public required string FindPublisherByName { get; init; }

    /// <summary>Finds a book by author id and title, ignoring case as the schema does.</summary>
    public required string FindBookByAuthorAndTitle { get; init; }

    /// <summary>The export's rows, in the export's order.</summary>
    public required string ExportRows { get; init; }

    /// <summary>The authors-per-publisher report, fewest first.</summary>
    public required string AuthorsPerPublisherAscending { get; init; }

    /// <summary>The authors-per-publisher report, most first.</summary>
    public required string AuthorsPerPublisherDescending { get; init; }

    /// <summary>The catalog's sizes.</summary>
    public required string Counts { get; init; }

    /// <summary>Creates the <c>schema_version</c> journal when it does not exist yet.</summary>
    public required string CreateJournal { get; init; }

    /// <summary>1 when the journal table exists, else 0.</summary>
    public required string JournalExists { get; init; }

    /// <summary>How many schema objects the database holds; 0 for a new database.</summary>
    public required string CountSchemaObjects { get; init; }

    /// <summary>
    /// The health check's statement: the cheapest one that proves the database is usable (on SQLite, reading
    /// the schema is what finds a file that is not a SQLite database).
    /// </summary>
    public required string HealthProbe { get; init; }

    /// <summary>
    /// The health check's read of the catalog once its schema is current: one <see cref="Author"/> row with the
    /// columns and types the repositories read (on PostgreSQL a citext value even when there is no author), mapped
    /// as they map it, so the check cannot report healthy while reads fail.
    /// </summary>
    public required string HealthRead { get; init; }
}
