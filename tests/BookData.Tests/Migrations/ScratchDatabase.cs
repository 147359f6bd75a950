using BookData.Connections;
using BookData.Migrations;
using BookData.Tests.Support;

namespace BookData.Tests.Migrations;

/// <summary>
/// A database with nothing migrated, for migration tests shared between providers: a SQLite file path that does not
/// exist yet, or a new empty PostgreSQL database (see <see cref="TestDatabase.CreateEmptyAsync"/>). Each
/// <see cref="Factory"/> call builds a new factory, as separate processes would have; removed at dispose.
/// </summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly TestDatabase database;

    private ScratchDatabase(TestDatabase database, string? pooledConnectionString = null)
    {
        this.database = database;
        ConnectionString = pooledConnectionString ?? database.Options.ConnectionString;
        Inspector = database.Provider == BookDataProvider.PostgreSql
            ? DatabaseInspector.PostgreSql(database.Options.ConnectionString)
            : DatabaseInspector.Sqlite(database.Path);
    }

    public BookDataProvider Provider => database.Provider;

    /// <summary>The SQLite database file.</summary>
    /// <exception cref="InvalidOperationException">The database is a PostgreSQL one.</exception>
    public string Path => database.Path;

    /// <summary>The PostgreSQL database name, or null for SQLite.</summary>
    public string? DatabaseName => database.DatabaseName;

    /// <summary>The connection string the library gets (through the pooler for <see cref="CreatePooledAsync"/>), without the library's additions.</summary>
    public string ConnectionString { get; }

    /// <summary>The connection string straight to the server (the same as <see cref="ConnectionString"/> unless pooled).</summary>
    public string DirectConnectionString => database.Options.ConnectionString;

    /// <summary>The database as the library's messages name it (the file path, or <c>host:port/database</c>).</summary>
    public string DataSource => Factory().DataSource;

    /// <summary>The test scripts in this provider's dialect.</summary>
    public TestScriptSet Scripts => TestScripts.For(Provider);

    /// <summary>Reads the database bypassing the library.</summary>
    public DatabaseInspector Inspector { get; }

    public static async Task<ScratchDatabase> CreateAsync(BookDataProvider provider) =>
        new(await TestDatabase.CreateEmptyAsync(provider));

    /// <summary>
    /// A new empty PostgreSQL database, created directly on the server, that the library reaches through PgBouncer in
    /// transaction pooling mode (<see cref="PostgreSqlTestPooler"/>); the inspector reads it directly.
    /// </summary>
    public static async Task<ScratchDatabase> CreatePooledAsync()
    {
        var database = await TestDatabase.CreateEmptyAsync(BookDataProvider.PostgreSql);
        return new(database, PostgreSqlTestPooler.ConnectionStringFor(database.DatabaseName!));
    }

    /// <summary>A new connection factory for the database (busy timeout 30 s unless configured).</summary>
    public BookDataConnectionFactory Factory(Action<BookDataOptions>? configure = null)
    {
        var options = new BookDataOptions
        {
            ConnectionString = ConnectionString,
            Provider = Provider,
            BusyTimeout = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        if (Provider == BookDataProvider.PostgreSql)
        {
            options.UsePostgreSql();
        }

        return new BookDataConnectionFactory(options);
    }

    /// <summary>A migrator over <paramref name="scripts"/> with a new factory.</summary>
    public BookDataMigrator Migrator(IReadOnlyList<MigrationScript> scripts, Action<BookDataOptions>? configure = null) =>
        new(Factory(configure), scripts);

    public ValueTask DisposeAsync() => database.DisposeAsync();
}
