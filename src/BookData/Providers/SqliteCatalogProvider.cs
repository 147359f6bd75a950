using System.Data.Common;
using BookData.Books;
using BookData.Connections;
using BookData.Import.Sqlite;
using BookData.Import;
using BookData.Migrations;
using Microsoft.Data.Sqlite;

namespace BookData.Providers;

/// <summary>SQLite through Microsoft.Data.Sqlite: the core's own engine and the default.</summary>
internal sealed class SqliteCatalogProvider : CatalogProvider
{
    private SqliteCatalogProvider()
    {
    }

    /// <summary>The one instance.</summary>
    public static SqliteCatalogProvider Instance { get; } = new();

    public override BookDataProvider Kind => BookDataProvider.Sqlite;

    public override string SystemName => "sqlite";

    public override CatalogStatements Statements => CatalogStatements.Sqlite;

    public override IReadOnlyList<MigrationScript> MigrationScripts => EmbeddedMigrations.All;

    public override void Validate(BookDataOptions options)
    {
        var field = $"{BookDataOptions.SectionName}:{nameof(BookDataOptions.ConnectionString)}";
        if (ConnectionStrings.LooksLikePostgreSql(options.ConnectionString))
        {
            throw new BookDataValidationException(
                field,
                $"The connection string \"{ConnectionStrings.Redact(options.ConnectionString)}\" looks like a PostgreSQL connection string (it has a Host or Server key), but the provider is SQLite. "
                + "To use PostgreSQL, add the package BookData.PostgreSql and call UsePostgreSql(): services.AddBookData(...).UsePostgreSql(), or new BookDataOptions { ... }.UsePostgreSql(). "
                + "For SQLite, name the file with \"Data Source=FILE\".");
        }

        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new BookDataValidationException(
                field,
                $"The connection string \"{ConnectionStrings.Redact(options.ConnectionString)}\" is malformed: {ex.Message}",
                ex);
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new BookDataValidationException(
                field,
                $"The connection string \"{ConnectionStrings.Redact(options.ConnectionString)}\" names no data source; add \"Data Source=FILE\".");
        }

        if (options.HasReadConnectionString)
        {
            throw new BookDataValidationException(
                $"{BookDataOptions.SectionName}:{nameof(BookDataOptions.ReadConnectionString)}",
                $"ReadConnectionString \"{ConnectionStrings.Redact(options.ReadConnectionString)}\" names a read replica, which only PostgreSQL has; the catalog is the SQLite file \"{builder.DataSource}\", which every connection reads "
                + "(write-ahead logging already lets readers work beside the writer). Remove BookData:ReadConnectionString, or use PostgreSQL (UsePostgreSql()) with a streaming replica.");
        }

        BookDataOptions.ValidateSqliteSharing(builder);
        if (!string.IsNullOrEmpty(builder.Password))
        {
            throw new BookDataValidationException(
                field,
                "The SQLite connection string sets a Password, but the SQLite library BookData uses has no encryption; remove the Password key.");
        }
    }

    public override CatalogConnections CreateConnections(BookDataOptions options) => new SqliteConnections(options);

    public override bool IsUniqueViolation(DbException ex) => ex is SqliteException sqlite && SqliteErrors.IsUniqueViolation(sqlite);

    public override bool IsForeignKeyViolation(DbException ex) => ex is SqliteException sqlite && SqliteErrors.IsForeignKeyViolation(sqlite);

    public override bool IsLockTimeout(DbException ex) => ex is SqliteException sqlite && SqliteErrors.IsBusy(sqlite);

    public override BookDataDatabaseException CannotOpen(string dataSource, DbException ex) =>
        ex is SqliteException sqlite ? SqliteErrors.CannotOpen(dataSource, sqlite) : new BookDataDatabaseException($"Cannot open database '{dataSource}': {ex.Message}", ex);

    public override BookDataDatabaseException Translate(string dataSource, DbException ex, TimeSpan? busyTimeout = null) =>
        ex is SqliteException sqlite ? SqliteErrors.Translate(dataSource, sqlite, busyTimeout) : new BookDataDatabaseException($"Database '{dataSource}' failed: {ex.Message}", ex);

    public override Task<MigrationStatus> GetMigrationStatusAsync(BookDataMigrator migrator, CancellationToken cancellationToken) =>
        migrator.GetSqliteStatusAsync(cancellationToken);

    public override Task<MigrationResult> MigrateAsync(BookDataMigrator migrator, CancellationToken cancellationToken) =>
        migrator.MigrateSqliteAsync(cancellationToken);

    public override Task<ImportSummary> ImportAsync(ImportRequest request, CancellationToken cancellationToken) =>
        new SqliteCatalogImport(request).RunAsync(cancellationToken);

    public override Task<Page<BookSummary>> ReadIndexedTitlePageAsync(
        DbConnection connection, string normalized, string pattern, int pageNumber, int pageSize, CancellationToken cancellationToken) =>
        TitleSearch.ReadSqliteIndexedPageAsync(connection, normalized, pattern, pageNumber, pageSize, cancellationToken);
}
