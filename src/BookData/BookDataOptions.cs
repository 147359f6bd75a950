namespace BookData;

/// <summary>
/// Settings for a BookData catalog: where the database is and how connections to it behave.
/// </summary>
/// <remarks>
/// Bind it from the <c>BookData</c> configuration section (<see cref="SectionName"/>) or set it in code.
/// Call <see cref="Validate"/> (the host integration does so at startup) to fail early on bad values.
/// </remarks>
public sealed class BookDataOptions
{
    /// <summary>The configuration section these options bind from: <c>BookData</c>.</summary>
    public const string SectionName = "BookData";

    /// <summary>
    /// The connection string. Required. For SQLite (the default), for example <c>Data Source=catalog.db</c>;
    /// foreign keys, pooling and the busy timeout are applied by the library whatever it says. For PostgreSQL
    /// (with the <c>BookData.PostgreSql</c> package and its <c>UsePostgreSql()</c>), an Npgsql connection string,
    /// for example <c>Host=db.example.com;Database=catalog;Username=app;Password=secret</c>.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// An optional second connection string for operations that only read, PostgreSQL only: a streaming (hot
    /// standby) replica of the database <see cref="ConnectionString"/> names, for example
    /// <c>Host=replica.example.com;Database=catalog;Username=app;Password=secret</c>. Default: <see langword="null"/>
    /// (empty counts as unset), so every operation uses <see cref="ConnectionString"/>.
    /// </summary>
    /// <remarks>
    /// When set, repository gets, lists and searches, reports, the author tree, the export, the health check's replica
    /// probe and <c>OpenReadOnlyAsync</c> use it; writes, imports and migrations (and the migration status) always use
    /// <see cref="ConnectionString"/>. A write's own result (for example <c>AddBookAsync</c>'s) comes from the primary.
    /// Reads see the replica as far as it has replayed: a row just written may not show yet. There is no fallback:
    /// when the replica cannot be reached, reads fail with <see cref="BookDataDatabaseException"/> naming it, and
    /// writes go on. <see cref="Validate"/> checks it as it checks <see cref="ConnectionString"/>, and refuses it on
    /// SQLite, whose single file every connection reads already.
    /// </remarks>
    public string? ReadConnectionString { get; set; }

    /// <summary>
    /// The database engine. Default: <see langword="null"/>, which is <see cref="BookDataProvider.Sqlite"/> unless a
    /// provider package was chosen (<c>UsePostgreSql()</c> of <c>BookData.PostgreSql</c>, which sets it to
    /// <see cref="BookDataProvider.PostgreSql"/>). The engine is never inferred from the connection string:
    /// <see cref="Validate"/> rejects <see cref="BookDataProvider.PostgreSql"/> without the package's
    /// <c>UsePostgreSql()</c>, and a SQLite connection string with a <c>Host</c> or <c>Server</c> key.
    /// Binding it from configuration (<c>BookData:Provider</c>) still needs the package's <c>UsePostgreSql()</c>.
    /// </summary>
    public BookDataProvider? Provider { get; set; }

    /// <summary>
    /// How long a statement waits for another connection's write lock before it fails with
    /// <see cref="BookDataDatabaseException"/>, and how long the migrator waits for another one to finish.
    /// On PostgreSQL it is the <c>lock_timeout</c> of each transaction BookData begins (set inside the transaction). Default: 30 seconds.
    /// </summary>
    /// <remarks>
    /// Honoured to the millisecond (SQLite's <c>busy_timeout</c>; PostgreSQL's <c>lock_timeout</c>), so
    /// 0.2 seconds waits 0.2 seconds. <see cref="TimeSpan.Zero"/> means "do not wait": a statement that finds
    /// the database locked fails at once (PostgreSQL gets a <c>lock_timeout</c> of 1 ms, since 0 there means
    /// no limit). A named shared in-memory SQLite database, whose table locks SQLite's busy handler does not
    /// cover, waits in whole seconds, at least one.
    /// </remarks>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one statement of an ordinary operation (a query, a write, a report, an export) may run before the
    /// driver cancels it and the operation fails with <see cref="BookDataDatabaseException"/>. Default:
    /// <see langword="null"/>: the connection string's own <c>Command Timeout</c> if it sets one, else no limit.
    /// <see cref="TimeSpan.Zero"/> means no limit. PostgreSQL only; SQLite ignores it.
    /// </summary>
    /// <remarks>
    /// <para>
    /// It bounds a whole statement, its lock waits included, so on PostgreSQL <see cref="Validate"/> requires it (or the
    /// connection string's <c>Command Timeout</c>) to be at least one second longer than <see cref="BusyTimeout"/>:
    /// a statement that waits for another connection's lock then always fails with the lock error after
    /// <see cref="BusyTimeout"/>, never with a command timeout first. When set, it replaces the connection string's
    /// <c>Command Timeout</c>. Npgsql counts whole seconds: 2.5 seconds becomes 3.
    /// </para>
    /// <para>
    /// Migrations (see <see cref="MigrationTimeout"/>) and the import's set-based statements are not bounded by it. Without a limit, a statement
    /// still stops when the operation's <see cref="CancellationToken"/> is cancelled (a web request's
    /// <c>RequestAborted</c>, for example): the driver asks the server to cancel it.
    /// </para>
    /// </remarks>
    public TimeSpan? CommandTimeout { get; set; }

    /// <summary>
    /// How long each statement of a migration script may run before the migration fails with
    /// <see cref="BookDataMigrationException"/> naming the script and this timeout; the script's transaction is rolled
    /// back and earlier scripts stay applied. Default: <see langword="null"/>, no limit; <see cref="TimeSpan.Zero"/>
    /// also means no limit. PostgreSQL only; SQLite ignores it.
    /// </summary>
    /// <remarks>
    /// DbUp runs a script statement by statement inside the script's one transaction, and the limit applies to each
    /// statement (DbUp's <c>WithExecutionTimeout</c>); Npgsql counts whole seconds, so 2.5 seconds becomes 3. A script
    /// statement that waits for a lock still fails after <see cref="BusyTimeout"/> if that comes first. The wait for the
    /// migration lock of another migrating process is <see cref="BusyTimeout"/>, whatever this is. SQLite ignores it:
    /// its scripts run in this process, where no command timeout can stop a running statement.
    /// </remarks>
    public TimeSpan? MigrationTimeout { get; set; }

    /// <summary>
    /// SQLite's <c>synchronous</c> setting for every connection. Default:
    /// <see cref="SynchronousMode.Normal"/>, which in WAL mode never corrupts the database and never
    /// loses a committed transaction when the process dies; only a power cut can roll back the last
    /// commits. Choose <see cref="SynchronousMode.Full"/> to make every commit durable against power loss too.
    /// SQLite only: PostgreSQL makes every commit durable by its own settings.
    /// </summary>
    public SynchronousMode Synchronous { get; set; } = SynchronousMode.Normal;

    /// <summary>
    /// SQLite's journal mode, set on the database by the first read-write connection of each connection factory.
    /// Default: <see cref="JournalMode.Wal"/> (write-ahead logging), which lets readers work while a writer
    /// writes. Choose <see cref="JournalMode.Delete"/> for a database on a network file system (SMB, NFS) or a
    /// container volume without shared memory, where write-ahead logging does not work; consider
    /// <see cref="SynchronousMode.Full"/> with it, since <see cref="SynchronousMode.Normal"/> with a rollback
    /// journal can lose the database's last commits, or in rare cases corrupt it, on power loss. Switching a
    /// write-ahead-logged database to <see cref="JournalMode.Delete"/> needs it to be open nowhere else; otherwise
    /// opening a connection fails with <see cref="BookDataDatabaseException"/>. SQLite only.
    /// </summary>
    public JournalMode JournalMode { get; set; } = JournalMode.Wal;

    /// <summary>
    /// Whether <see cref="Migrations.BookDataMigrator.MigrateAsync"/> accepts an applied migration script
    /// whose text in this library no longer matches the checksum recorded when it was applied (drift).
    /// Default: <see langword="false"/>, so the migrator stops with <see cref="BookDataMigrationException"/>
    /// naming the script. Set it only after checking the change is harmless (a comment, formatting): the
    /// migrator then logs a warning for each changed script and carries on; the recorded checksum stays.
    /// </summary>
    public bool AllowChangedMigrations { get; set; }

    /// <summary>
    /// Whether <see cref="Migrations.BookDataMigrator.MigrateAsync"/> takes an online backup of a file
    /// database before it applies pending scripts. Default: <see langword="false"/>. The backup is written
    /// beside the database as <c>&lt;file&gt;.bak-&lt;UTC time&gt;-before-&lt;first pending script&gt;</c>
    /// (for example <c>catalog.db.bak-20250102T030405123Z-before-0002_add_isbn</c>) and reported in
    /// <see cref="Migrations.MigrationResult.BackupPath"/>. No backup is taken when nothing is pending, for a
    /// new (empty) database, or for an in-memory database. Backups are never deleted by BookData.
    /// SQLite only: on PostgreSQL <see cref="Validate"/> rejects it (back up a server with <c>pg_dump</c>).
    /// </summary>
    public bool BackupBeforeMigrate { get; set; }

    /// <summary>
    /// When <see langword="true"/>, the host integration (<c>services.AddBookData(...)</c>) applies pending
    /// migrations inside the host's startup, before the application serves anything; a failed migration
    /// is logged with the script's name and stops startup. Default: <see langword="false"/>.
    /// </summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>
    /// A repository operation (opening the connection and running its statements) that takes longer
    /// than this is logged as a warning with its name and duration, when the connection factory has a
    /// logger (it does when registered with <c>services.AddBookData(...)</c>). Default: 500 milliseconds;
    /// <see cref="TimeSpan.Zero"/> turns the log off.
    /// </summary>
    public TimeSpan SlowStatementThreshold { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Checks the options and throws <see cref="BookDataValidationException"/> naming the bad setting.
    /// </summary>
    /// <exception cref="BookDataValidationException">A setting is missing or out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new BookDataValidationException(
                $"{SectionName}:{nameof(ConnectionString)}",
                "BookData needs a connection string (BookData:ConnectionString), for example \"Data Source=catalog.db\".");
        }

        if (Provider is { } explicitProvider && !Enum.IsDefined(explicitProvider))
        {
            throw new BookDataValidationException(
                $"{SectionName}:{nameof(Provider)}",
                $"Provider must be one of {string.Join(", ", Enum.GetNames<BookDataProvider>())}; it is {explicitProvider}.");
        }

        ValidateTimeout(CommandTimeout, nameof(CommandTimeout));
        ValidateTimeout(MigrationTimeout, nameof(MigrationTimeout));

        ResolveProvider().Validate(this);

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromSeconds(int.MaxValue / 1000))
        {
            throw new BookDataValidationException(
                $"{SectionName}:{nameof(BusyTimeout)}",
                $"BusyTimeout must be between zero and {int.MaxValue / 1000} seconds; it is {BusyTimeout}.");
        }

        if (SlowStatementThreshold < TimeSpan.Zero)
        {
            throw new BookDataValidationException(
                $"{SectionName}:{nameof(SlowStatementThreshold)}",
                $"SlowStatementThreshold must be zero (off) or positive; it is {SlowStatementThreshold}.");
        }

        if (!Enum.IsDefined(JournalMode))
        {
            throw new BookDataValidationException(
                $"{SectionName}:{nameof(JournalMode)}",
                $"JournalMode must be one of {string.Join(", ", Enum.GetNames<JournalMode>())}; it is {JournalMode}.");
        }

        if (!Enum.IsDefined(Synchronous))
        {
            throw new BookDataValidationException(
                $"{SectionName}:{nameof(Synchronous)}",
                $"Synchronous must be one of {string.Join(", ", Enum.GetNames<SynchronousMode>())}; it is {Synchronous}.");
        }
    }

    /// <summary>The largest timeout a driver's command timeout (whole seconds in an <see cref="int"/>) can carry.</summary>
    internal static TimeSpan MaxCommandTimeout { get; } = TimeSpan.FromSeconds(int.MaxValue);

    private static void ValidateTimeout(TimeSpan? timeout, string name)
    {
        if (timeout is { } value && (value < TimeSpan.Zero || value > MaxCommandTimeout))
        {
            throw new BookDataValidationException(
                $"{SectionName}:{name}",
                $"{name} must be unset (no limit), zero (no limit) or a positive time of at most {int.MaxValue} seconds; it is {value}.");
        }
    }

    /// <summary>
    /// The engine a provider package chose (<c>UsePostgreSql()</c> sets it); <see langword="null"/> for the core's SQLite.
    /// Copied with the options (<see cref="Snapshot"/>), never bound from configuration.
    /// </summary>
    internal Providers.CatalogProvider? ChosenProvider { get; set; }

    /// <summary>The engine these (validated) options select.</summary>
    internal Providers.CatalogProvider CatalogProvider => ResolveProvider();

    /// <summary>
    /// <see cref="Provider"/> matched to the engine a provider package registered, or the core's SQLite.
    /// </summary>
    /// <exception cref="BookDataValidationException">
    /// <see cref="Provider"/> names an engine whose package was not chosen (<c>UsePostgreSql()</c> not called).
    /// </exception>
    private Providers.CatalogProvider ResolveProvider()
    {
        var wanted = Provider ?? ChosenProvider?.Kind ?? BookDataProvider.Sqlite;
        if (wanted == BookDataProvider.Sqlite)
        {
            return Providers.SqliteCatalogProvider.Instance;
        }

        if (ChosenProvider is { } chosen && chosen.Kind == wanted)
        {
            return chosen;
        }

        throw new BookDataValidationException(
            $"{SectionName}:{nameof(Provider)}",
            $"Provider is {wanted}, but the PostgreSQL provider is not registered: add the package BookData.PostgreSql and call UsePostgreSql() "
            + "(services.AddBookData(...).UsePostgreSql(), or new BookDataOptions { ... }.UsePostgreSql()).");
    }

    /// <summary>
    /// Refuses the SQLite settings under which the catalog would not behave as one database: a private in-memory
    /// database (every connection gets its own, empty one) and a shared cache on a file database (table-level
    /// locks between connections, so a writer waits for every reader despite write-ahead logging).
    /// </summary>
    internal static void ValidateSqliteSharing(Microsoft.Data.Sqlite.SqliteConnectionStringBuilder builder)
    {
        var dataSource = builder.DataSource;
        var resolved = Connections.SqliteDataSource.For(builder);
        var sharedCache = resolved.HasSharedCache;
        var inMemory = resolved.IsInMemory;
        var field = $"{SectionName}:{nameof(ConnectionString)}";

        if (inMemory && !resolved.IsSharedMemory)
        {
            throw new BookDataValidationException(
                field,
                $"Data source '{dataSource}' is a private in-memory database: every connection BookData opens would get its own, empty one, so the catalog a migration creates would be gone by the next call. "
                + "Use a database file (a temporary file in tests), or a named shared in-memory database, \"Data Source=NAME;Mode=Memory;Cache=Shared\", kept alive by one connection you hold open.");
        }

        if (sharedCache && !inMemory)
        {
            throw new BookDataValidationException(
                field,
                $"Cache=Shared is not supported for database file '{dataSource}': a shared cache locks whole tables between connections, so a writer fails after the busy timeout while any reader holds a snapshot, which write-ahead logging otherwise allows. "
                + "Remove Cache=Shared (BookData pools its connections).");
        }
    }

    /// <summary>Whether <see cref="ReadConnectionString"/> is set (empty or white space counts as unset).</summary>
    internal bool HasReadConnectionString => !string.IsNullOrWhiteSpace(ReadConnectionString);

    /// <summary>
    /// The options of the read replica: a copy whose <see cref="ConnectionString"/> is <see cref="ReadConnectionString"/>,
    /// with every other setting (busy timeout, provider) the same.
    /// </summary>
    internal BookDataOptions ForReadReplica()
    {
        var replica = Snapshot();
        replica.ConnectionString = ReadConnectionString ?? "";
        replica.ReadConnectionString = null;
        return replica;
    }

    /// <summary>A copy, so later changes to these options do not reach a factory built from them.</summary>
    internal BookDataOptions Snapshot() => (BookDataOptions)MemberwiseClone();
}
