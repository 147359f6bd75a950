using System.Data.Common;
using BookData.Connections;
using BookData.Migrations;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BookData.Tests.Support;

/// <summary>
/// A fresh database for one test, migrated with the real migrator and removed when the test ends.
/// SQLite (the default): a file in the temp folder, deleted after the connection pools are cleared.
/// PostgreSQL: a database <c>bookdata_test_&lt;guid&gt;</c> on the server of <see cref="PostgreSqlTestServer"/>,
/// dropped <c>WITH (FORCE)</c>. Every test gets its own.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? path;
    private readonly string directConnectionString;
    private readonly Lazy<BookDataConnectionFactory> factory;

    private TestDatabase(BookDataProvider provider, string connectionString, string? path, string? directConnectionString = null)
    {
        Provider = provider;
        this.path = path;
        this.directConnectionString = directConnectionString ?? connectionString;
        Options = new BookDataOptions
        {
            ConnectionString = connectionString,
            Provider = provider,
            BusyTimeout = TimeSpan.FromSeconds(30),
        };
        if (provider == BookDataProvider.PostgreSql)
        {
            Options.UsePostgreSql();
        }

        factory = new Lazy<BookDataConnectionFactory>(() => new BookDataConnectionFactory(Options));
    }

    /// <summary>Which database engine this test database lives in.</summary>
    public BookDataProvider Provider { get; }

    /// <summary>The SQLite database file.</summary>
    /// <exception cref="InvalidOperationException">The database is a PostgreSQL one.</exception>
    public string Path => path ?? throw new InvalidOperationException(
        $"A PostgreSQL test database has no file; use Options.ConnectionString (database {DatabaseName}).");

    /// <summary>The PostgreSQL database name, or null for SQLite.</summary>
    public string? DatabaseName =>
        Provider == BookDataProvider.PostgreSql ? PostgreSqlTestServer.DatabaseName(Options.ConnectionString) : null;

    public BookDataOptions Options { get; }

    /// <summary>A factory for <see cref="Options"/>, created on first use.</summary>
    public BookDataConnectionFactory Factory => factory.Value;

    /// <summary>A new, migrated SQLite database.</summary>
    public static Task<TestDatabase> CreateAsync() => CreateAsync(BookDataProvider.Sqlite);

    /// <summary>A new, migrated database of the given provider.</summary>
    public static async Task<TestDatabase> CreateAsync(BookDataProvider provider)
    {
        var database = await CreateEmptyAsync(provider);
        try
        {
            await new BookDataMigrator(database.Factory).MigrateAsync();
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A new PostgreSQL database, created and migrated directly on the test server, whose <see cref="Options"/> (and so
    /// <see cref="Factory"/>) connect through PgBouncer in transaction pooling mode (<see cref="PostgreSqlTestPooler"/>):
    /// the library runs through the pooler, the checks (<see cref="OpenConnectionAsync"/>) and the drop do not.
    /// </summary>
    /// <exception cref="InvalidOperationException">No server or no pooler is configured.</exception>
    public static async Task<TestDatabase> CreatePooledAsync()
    {
        var direct = await CreateAsync(BookDataProvider.PostgreSql);
        try
        {
            return new TestDatabase(
                BookDataProvider.PostgreSql,
                PostgreSqlTestPooler.ConnectionStringFor(direct.DatabaseName!),
                path: null,
                directConnectionString: direct.Options.ConnectionString);
        }
        catch
        {
            await direct.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new, migrated SQLite database file in <paramref name="folder"/> (a small file system, for example).</summary>
    public static async Task<TestDatabase> CreateInAsync(string folder)
    {
        var file = System.IO.Path.Combine(folder, $"bookdata-test-{Guid.NewGuid():N}.db");
        var database = new TestDatabase(BookDataProvider.Sqlite, $"Data Source={file}", file);
        try
        {
            await new BookDataMigrator(database.Factory).MigrateAsync();
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>A path for a SQLite database that does not exist yet (nothing migrated).</summary>
    public static TestDatabase CreateEmpty()
    {
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bookdata-test-{Guid.NewGuid():N}.db");
        return new(BookDataProvider.Sqlite, $"Data Source={file}", file);
    }

    /// <summary>An existing SQLite file (a backup, say), deleted with its side files when disposed.</summary>
    public static TestDatabase ForFile(string file) => new(BookDataProvider.Sqlite, $"Data Source={file}", file);

    /// <summary>
    /// A database that does not exist: for SQLite a new file path (as <see cref="CreateEmpty"/>), for PostgreSQL a new
    /// database name on the test server that is not created. Disposing removes whatever the test created there.
    /// </summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is asked for and no server is configured.</exception>
    public static TestDatabase CreateMissing(BookDataProvider provider) => provider switch
    {
        BookDataProvider.Sqlite => CreateEmpty(),
        BookDataProvider.PostgreSql => new TestDatabase(
            BookDataProvider.PostgreSql, PostgreSqlTestServer.NewDatabaseConnectionString(), path: null),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown provider."),
    };

    /// <summary>
    /// A database with nothing migrated: for SQLite a new file path (the file does not exist yet), for PostgreSQL a
    /// new empty database <c>bookdata_test_&lt;guid&gt;</c> created on the test server. (A PostgreSQL database name
    /// that does not exist: <see cref="PostgreSqlTestServer.NewDatabaseConnectionString"/>.)
    /// </summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is asked for and no server is configured.</exception>
    public static async Task<TestDatabase> CreateEmptyAsync(BookDataProvider provider) => provider switch
    {
        BookDataProvider.Sqlite => CreateEmpty(),
        BookDataProvider.PostgreSql => new TestDatabase(
            BookDataProvider.PostgreSql, await PostgreSqlTestServer.CreateDatabaseAsync(), path: null),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown provider."),
    };

    /// <summary>
    /// Opens a connection to the database with the provider's own driver, for checking what is stored:
    /// through <see cref="Factory"/> on SQLite, a plain <see cref="NpgsqlConnection"/> on PostgreSQL (straight to the
    /// server, also for a database of <see cref="CreatePooledAsync"/>).
    /// </summary>
    public async Task<DbConnection> OpenConnectionAsync()
    {
        if (Provider == BookDataProvider.Sqlite)
        {
            return await Factory.OpenAsync();
        }

        var connection = new NpgsqlConnection(directConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether the database exists, asked without creating it: the file for SQLite, the server's catalog for PostgreSQL.</summary>
    public Task<bool> ExistsAsync() => Provider == BookDataProvider.Sqlite
        ? Task.FromResult(File.Exists(Path))
        : PostgreSqlTestServer.DatabaseExistsAsync(DatabaseName!);

    /// <summary>The exception type the provider's driver throws (kept as the inner exception of BookData's errors).</summary>
    public Type DriverExceptionType => Provider == BookDataProvider.Sqlite ? typeof(SqliteException) : typeof(PostgresException);

    /// <summary>Whether a table of that name exists in the database.</summary>
    public async Task<bool> TableExistsAsync(string table)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Provider == BookDataProvider.Sqlite
            ? "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = @name;"
            : "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = @name;";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "name";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Runs a scalar query on a fresh connection, for checking what is stored.</summary>
    public async Task<long> CountAsync(string table)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table};";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == BookDataProvider.PostgreSql)
        {
            await PostgreSqlTestServer.DropDatabaseAsync(DatabaseName!);
            return;
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal", MigrationTarget.LockFileSuffix })
        {
            try
            {
                File.Delete(Path + suffix);
            }
            catch (IOException)
            {
                // A file still held open elsewhere is left for the OS temp cleaner.
            }
        }
    }
}
