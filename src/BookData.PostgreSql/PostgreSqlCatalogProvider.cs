using System.Data.Common;
using BookData.Books;
using BookData.Connections;
using BookData.Import;
using BookData.Migrations;
using BookData.PostgreSql.Connections;
using BookData.PostgreSql.Import;
using BookData.PostgreSql.Migrations;
using BookData.Providers;
using Npgsql;

namespace BookData.PostgreSql;

/// <summary>PostgreSQL through Npgsql: the engine <c>UsePostgreSql()</c> hands to <see cref="BookDataOptions"/>.</summary>
internal sealed class PostgreSqlCatalogProvider : CatalogProvider
{
    private static readonly Lazy<IReadOnlyList<MigrationScript>> Scripts =
        new(() => EmbeddedMigrations.Load(typeof(PostgreSqlCatalogProvider).Assembly, "BookData.Migrations.postgresql."));

    private static readonly CatalogStatements PostgreSqlStatements = new()
    {
        FindAuthorByName = PostgreSqlCatalogSql.FindAuthorByName,
        FindPublisherByName = PostgreSqlCatalogSql.FindPublisherByName,
        FindBookByAuthorAndTitle = PostgreSqlCatalogSql.FindBookByAuthorAndTitle,
        ExportRows = PostgreSqlCatalogSql.ExportRows,
        AuthorsPerPublisherAscending = PostgreSqlCatalogSql.AuthorsPerPublisherAscending,
        AuthorsPerPublisherDescending = PostgreSqlCatalogSql.AuthorsPerPublisherDescending,
        Counts = PostgreSqlCatalogSql.Counts,
        CreateJournal = PostgreSqlCatalogSql.CreateJournal,
        JournalExists = PostgreSqlCatalogSql.JournalExists,
        CountSchemaObjects = PostgreSqlCatalogSql.CountSchemaObjects,
        HealthProbe = PostgreSqlCatalogSql.HealthProbe,
        HealthRead = PostgreSqlCatalogSql.HealthRead,
    };

    private PostgreSqlCatalogProvider()
    {
    }

    /// <summary>The one instance; getting it checks that the core BookData assembly is this package's version.</summary>
    /// <exception cref="InvalidOperationException">The BookData and BookData.PostgreSql assemblies differ in version.</exception>
    public static PostgreSqlCatalogProvider Instance
    {
        get
        {
            PackageVersions.ThrowIfMismatched();
            return Single;
        }
    }

    public override BookDataProvider Kind => BookDataProvider.PostgreSql;

    public override string SystemName => "postgresql";

    public override CatalogStatements Statements => PostgreSqlStatements;

    public override IReadOnlyList<MigrationScript> MigrationScripts => Scripts.Value;

    private static PostgreSqlCatalogProvider Single { get; } = new();

    public override void Validate(BookDataOptions options)
    {
        ValidateConnectionString(options.ConnectionString, nameof(BookDataOptions.ConnectionString), "connection string");
        if (options.HasReadConnectionString)
        {
            ValidateConnectionString(options.ReadConnectionString!, nameof(BookDataOptions.ReadConnectionString), "read connection string");
        }

        PostgreSqlTimeouts.Validate(options);
        if (options.BackupBeforeMigrate)
        {
            throw new BookDataValidationException(
                $"{BookDataOptions.SectionName}:{nameof(BookDataOptions.BackupBeforeMigrate)}",
                "BackupBeforeMigrate is for SQLite databases; back up a PostgreSQL database with pg_dump before migrating it.");
        }
    }

    /// <summary>Checks that a connection string parses and names a server and a database.</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="setting">The option that holds it, as <see cref="BookDataValidationException.Field"/> names it.</param>
    /// <param name="what">How messages call it: "connection string" or "read connection string".</param>
    private static void ValidateConnectionString(string connectionString, string setting, string what)
    {
        var field = $"{BookDataOptions.SectionName}:{setting}";
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new BookDataValidationException(field, $"The PostgreSQL {what} is malformed: {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new BookDataValidationException(field, $"The PostgreSQL {what} names no server; add \"Host=SERVER\".");
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new BookDataValidationException(field, $"The PostgreSQL {what} names no database; add \"Database=NAME\".");
        }
    }

    public override CatalogConnections CreateConnections(BookDataOptions options) => new PostgreSqlConnections(options);

    public override bool IsUniqueViolation(DbException ex) => PostgreSqlErrors.IsUniqueViolation(ex);

    public override bool IsForeignKeyViolation(DbException ex) => PostgreSqlErrors.IsForeignKeyViolation(ex);

    public override bool IsLockTimeout(DbException ex) => PostgreSqlErrors.IsLockTimeout(ex);

    public override bool IsCommandTimeout(Exception? ex) => PostgreSqlTimeouts.IsCommandTimeout(ex);

    public override BookDataDatabaseException CannotOpen(string dataSource, DbException ex) => PostgreSqlErrors.CannotOpen(dataSource, ex);

    public override BookDataDatabaseException Translate(string dataSource, DbException ex, TimeSpan? busyTimeout = null) => PostgreSqlErrors.Translate(dataSource, ex);

    public override Task<MigrationStatus> GetMigrationStatusAsync(BookDataMigrator migrator, CancellationToken cancellationToken) =>
        PostgreSqlMigration.GetStatusAsync(migrator, cancellationToken);

    public override Task<MigrationResult> MigrateAsync(BookDataMigrator migrator, CancellationToken cancellationToken) =>
        PostgreSqlMigration.MigrateAsync(migrator, cancellationToken);

    public override Task<ImportSummary> ImportAsync(ImportRequest request, CancellationToken cancellationToken) =>
        new PostgreSqlCatalogImport(request).RunAsync(cancellationToken);

    public override Task<Page<BookSummary>> ReadIndexedTitlePageAsync(
        DbConnection connection, string normalized, string pattern, int pageNumber, int pageSize, CancellationToken cancellationToken) =>
        connection.ReadPageAsync<BookSummary>(
            PostgreSqlCatalogSql.CountMatchingTitleIndexed, PostgreSqlCatalogSql.SearchByTitleIndexed, new { Pattern = pattern }, pageNumber, pageSize, cancellationToken);
}
