using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using BookData.Connections;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Sqlite.Helpers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BookData.Migrations;

/// <summary>
/// Brings a catalog database's schema up to date with the versioned scripts embedded in BookData
/// (<c>migrations/sqlite/NNNN_verb_object.sql</c>) or in BookData.PostgreSql
/// (<c>migrations/postgresql/NNNN_verb_object.sql</c>, the same versions), run in order by DbUp, one transaction per script, each recorded with
/// its SHA-256 checksum in the <c>schema_version</c> journal.
/// </summary>
/// <remarks>
/// <para>
/// Running it on a current database does nothing and takes no lock. Otherwise the whole upgrade runs
/// under an exclusive lock (a lock file <c>&lt;database&gt;.migrate.lock</c> beside a SQLite file database,
/// a session advisory lock on PostgreSQL), so processes and threads that start at once apply each script
/// exactly once and all succeed; the journal is read again once the lock is held. On PostgreSQL a database
/// that does not exist yet is created first, as the connection string's user.
/// </para>
/// <para>
/// Before applying anything the journal is checked against the scripts this library carries: a
/// script applied with different text (drift) or a script this library does not know (a newer
/// BookData migrated the database) stops the run. A script that fails is rolled back and the
/// database stays at the last script that succeeded. On SQLite the scripts run with foreign keys off
/// outside their transactions, so a script may rebuild a table by SQLite's documented procedure without
/// firing <c>ON DELETE</c> actions; <c>PRAGMA foreign_key_check</c> runs before each commit and a script
/// that leaves rows pointing nowhere fails, naming the table. Foreign keys are on again afterwards. The settings come from the
/// <see cref="BookDataOptions"/> the connection factory was built from
/// (<see cref="BookDataOptions.AllowChangedMigrations"/>, <see cref="BookDataOptions.BackupBeforeMigrate"/>,
/// <see cref="BookDataOptions.BusyTimeout"/> for the lock). SQLite does its I/O synchronously: the
/// async methods exist to take a <see cref="CancellationToken"/> and to wait for the lock without a thread.
/// </para>
/// </remarks>
public sealed class BookDataMigrator
{
    private const string MainDatabase = "main";

    private readonly BookDataConnectionFactory connectionFactory;
    private readonly IReadOnlyList<MigrationScript> scripts;
    private readonly ILogger logger;

    /// <summary>Creates a migrator for the database the factory connects to.</summary>
    /// <param name="connectionFactory">Opens connections to the catalog database; its options configure the migrator.</param>
    /// <param name="logger">Receives one entry per applied script and a warning per accepted changed script; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionFactory"/> is <see langword="null"/>.</exception>
    public BookDataMigrator(BookDataConnectionFactory connectionFactory, ILogger<BookDataMigrator>? logger = null)
        : this(connectionFactory, connectionFactory?.CatalogProvider.MigrationScripts ?? [], logger)
    {
    }

    internal BookDataMigrator(BookDataConnectionFactory connectionFactory, IReadOnlyList<MigrationScript> scripts, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connectionFactory);
        ArgumentNullException.ThrowIfNull(scripts);
        this.connectionFactory = connectionFactory;
        this.scripts = scripts;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The names of the scripts this version of BookData carries, in the order they run (the same for every provider).</summary>
    public static IReadOnlyList<string> ScriptNames { get; } = EmbeddedMigrations.All.Select(script => script.Name).ToArray();

    /// <summary>The factory of the database this migrator migrates.</summary>
    internal BookDataConnectionFactory ConnectionFactory => connectionFactory;

    /// <summary>The scripts this migrator applies, in order.</summary>
    internal IReadOnlyList<MigrationScript> Scripts => scripts;

    /// <summary>Where the migrator logs.</summary>
    internal ILogger Logger => logger;

    /// <summary>The migrator's settings: the options the connection factory was built from.</summary>
    internal BookDataOptions Options => connectionFactory.Options;

    /// <summary>
    /// Lists the scripts applied to the database, those still pending, applied scripts whose text has
    /// changed since, and journaled scripts this library does not carry. Changes nothing: a database
    /// (file or PostgreSQL database) that does not exist is reported with every script pending and is not created.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Where the database stands.</returns>
    /// <exception cref="BookDataDatabaseException">The database cannot be opened or is not a SQLite database.</exception>
    public Task<MigrationStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        connectionFactory.CatalogProvider.GetMigrationStatusAsync(this, cancellationToken);

    /// <summary>SQLite's <see cref="GetStatusAsync"/>: a missing file is a new database.</summary>
    internal async Task<MigrationStatus> GetSqliteStatusAsync(CancellationToken cancellationToken)
    {
        var target = MigrationTarget.For(connectionFactory);
        target.ThrowIfNotRegularFile();
        if (target.FilePath is not null && !File.Exists(target.FilePath))
        {
            return MigrationPlan.ForNewDatabase(scripts).ToStatus();
        }

        var connection = await connectionFactory.OpenPrimaryReadOnlyAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return MigrationPlan.Read(connection, connectionFactory.CatalogProvider, target.DataSource, scripts).ToStatus();
        }
    }

    /// <summary>
    /// Applies every pending script in order, each in its own transaction, under an exclusive
    /// migration lock; takes a backup first when <see cref="BookDataOptions.BackupBeforeMigrate"/> is set.
    /// </summary>
    /// <param name="cancellationToken">
    /// Cancels the run before it starts or while it waits for the lock; once scripts are being applied,
    /// the run finishes.
    /// </param>
    /// <returns>The scripts this run applied and the backup it took, if any.</returns>
    /// <exception cref="BookDataMigrationException">
    /// A script failed (the message names it and the database's error; earlier scripts stay applied), or on
    /// SQLite left rows whose foreign key points to no row (the message names the table); an
    /// applied script was changed since and <see cref="BookDataOptions.AllowChangedMigrations"/> is not set;
    /// or the journal lists a script this library does not carry (the database was migrated by a newer
    /// BookData). <see cref="BookDataMigrationException.ScriptName"/> names the script.
    /// </exception>
    /// <exception cref="BookDataDatabaseException">
    /// The database cannot be opened, is not a SQLite database, is an empty (zero-byte) file, is
    /// read-only while scripts are pending, its folder is missing, the backup failed, the PostgreSQL
    /// server does not answer or refuses to create the missing database, or another process held the
    /// migration lock for longer than <see cref="BookDataOptions.BusyTimeout"/>. Nothing was applied.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled before scripts were applied.</exception>
    public Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return connectionFactory.CatalogProvider.MigrateAsync(this, cancellationToken);
    }

    /// <summary>
    /// SQLite's <see cref="MigrateAsync"/>: a lock file beside the database, a backup when asked for, and SQLite's
    /// table-rebuild procedure around the scripts.
    /// </summary>
    internal async Task<MigrationResult> MigrateSqliteAsync(CancellationToken cancellationToken)
    {
        var target = MigrationTarget.For(connectionFactory);
        target.ThrowIfNotRegularFile();
        SqliteConnection? connection = null;
        MigrationLock? migrationLock = null;
        try
        {
            if (target.MayBeCreated)
            {
                // A missing or empty file is only opened under the lock, so no migrator sees another's half-created file.
                target.ThrowIfCannotBeCreated();
            }
            else
            {
                // An existing database that is up to date needs no lock.
                connection = (SqliteConnection)await connectionFactory.OpenAsync(cancellationToken).ConfigureAwait(false);
                var plan = ReadCheckedPlan(connection, target.DataSource);
                if (plan.Pending.Count == 0)
                {
                    LogAcceptedChanges(plan, target.DataSource);
                    return new MigrationResult([]);
                }

                ThrowIfReadOnly(connection, plan, target);
            }

            migrationLock = await AcquireLockAsync(target, cancellationToken).ConfigureAwait(false);
            target.ThrowIfEmptyFile();
            connection ??= (SqliteConnection)await connectionFactory.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Another process may have migrated while this one waited for the lock.
            var current = ReadCheckedPlan(connection, target.DataSource);
            LogAcceptedChanges(current, target.DataSource);
            if (current.Pending.Count == 0)
            {
                return new MigrationResult([]);
            }

            ThrowIfReadOnly(connection, current, target);
            TableRebuildCheck.ThrowIfOwnerChangedARebuiltTable(connection, scripts, current, target.DataSource);
            cancellationToken.ThrowIfCancellationRequested();

            string? backupPath = null;
            Action? backUp = null;
            if (Options.BackupBeforeMigrate && target.FilePath is not null && !current.IsEmptyDatabase)
            {
                var filePath = target.FilePath;
                var firstPending = current.Pending[0].Name;
                backUp = () =>
                {
                    // Run inside the first script's transaction, which holds the write lock: the copy, read through a
                    // second connection, is exactly what the script starts from; no commit can land in between.
                    using var source = (SqliteConnection)connectionFactory.OpenPrimaryReadOnlyAsync(CancellationToken.None).GetAwaiter().GetResult();
                    backupPath = MigrationBackup.Create(source, filePath, target.DataSource, firstPending, logger, cancellationToken);
                    MigrationLog.BackedUp(logger, target.DataSource, backupPath);
                    cancellationToken.ThrowIfCancellationRequested();
                };
            }

            // SQLite's table-rebuild procedure: foreign keys off outside the scripts' transactions, a foreign key
            // check before each commit (ForeignKeyCheckingJournal), foreign keys on again afterwards.
            string[] applied;
            using (SqliteMigrationSession.Begin(connection))
            {
                try
                {
                    applied = Apply(
                        DeployChanges.To.SqliteDatabase(new SharedConnection(connection)),
                        target.DataSource,
                        journal => new ForeignKeyCheckingJournal(journal, target.DataSource, backUp));
                }
                catch (BookDataMigrationException failed)
                {
                    // A script's guard names what it found; the operator who must free space or fix a script is
                    // told of the backup this run made.
                    var script = scripts.FirstOrDefault(script => script.Name == failed.ScriptName);
                    var found = script is null ? null : ScriptGuard.Findings(connection, script, failed.InnerException);
                    if (found is null && backupPath is null)
                    {
                        throw;
                    }

                    var message = failed.Message
                        + (found is null ? "" : $" It found: {found}.")
                        + (backupPath is null ? "" : $" The backup made before the migration is '{backupPath}'.");
                    throw new BookDataMigrationException(failed.ScriptName, message, failed.InnerException);
                }
            }

            // A script that rewrites a table leaves a write-ahead log as large as the table (best effort).
            WalCheckpoint.Truncate(connection, Options.BusyTimeout, target.DataSource, "the migration", logger);
            return new MigrationResult(applied, backupPath);
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            migrationLock?.Dispose();
        }
    }

    /// <summary>Reads the journal and stops on unknown scripts, and on changed ones unless they are allowed.</summary>
    /// <exception cref="BookDataMigrationException">The journal holds an unknown script or a changed one that is not allowed.</exception>
    internal MigrationPlan ReadCheckedPlan(DbConnection connection, string dataSource)
    {
        var plan = MigrationPlan.Read(connection, connectionFactory.CatalogProvider, dataSource, scripts);
        if (plan.Unknown.Count > 0)
        {
            var unknown = plan.Unknown[0];
            throw new BookDataMigrationException(
                unknown,
                $"Database '{dataSource}' was migrated by a newer version of BookData: unknown script {unknown} is in its journal but not in this library; upgrade BookData to use this database.");
        }

        if (plan.Changed.Count > 0 && !Options.AllowChangedMigrations)
        {
            var changed = plan.Changed[0];
            var others = plan.Changed.Count > 1 ? $" (also changed: {string.Join(", ", plan.Changed.Skip(1))})" : "";
            throw new BookDataMigrationException(
                changed,
                $"Migration script '{changed}' was changed after it was applied to database '{dataSource}'{others}: its checksum no longer matches the journal; restore the script as it shipped and put the change in a new script, or set {BookDataOptions.SectionName}:{nameof(BookDataOptions.AllowChangedMigrations)} to accept it.");
        }

        return plan;
    }

    /// <summary>Logs a warning for each changed script the options allow.</summary>
    internal void LogAcceptedChanges(MigrationPlan plan, string dataSource)
    {
        foreach (var changed in plan.Changed)
        {
            MigrationLog.ChangedScriptAccepted(logger, changed, dataSource);
        }
    }

    private static void ThrowIfReadOnly(SqliteConnection connection, MigrationPlan plan, MigrationTarget target)
    {
        if (SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, MainDatabase) == 1)
        {
            var folder = target.FilePath is null ? null : Path.GetDirectoryName(target.FilePath);
            var cause = target.IsReadOnly ? "the connection string opens it with Mode=ReadOnly"
                : !string.IsNullOrEmpty(folder) && ReadOnlyFolder.IsReadOnly(folder) ? $"its folder '{folder}' is read-only"
                : "the file is read-only to this process";
            throw new BookDataDatabaseException(
                $"Database '{target.DataSource}' is read-only ({cause}), so pending migration '{plan.Pending[0].Name}' cannot be applied; make the file and its folder writable, or migrate a writable copy.");
        }
    }

    private Task<MigrationLock> AcquireLockAsync(MigrationTarget target, CancellationToken cancellationToken)
    {
        if (target.LockPath is null)
        {
            return MigrationLock.AcquireInProcessAsync(target.ConnectionString, target.DataSource, Options.BusyTimeout, cancellationToken);
        }

        var lockPath = target.LockPath;
        return MigrationLock.AcquireFileAsync(
            lockPath,
            target.DataSource,
            Options.BusyTimeout,
            () => MigrationLog.WaitingForLock(logger, target.DataSource, lockPath),
            cancellationToken);
    }

    /// <summary>
    /// Applies the pending scripts with DbUp, one transaction per script, journaled with checksums; returns the
    /// names of the scripts applied.
    /// </summary>
    /// <exception cref="BookDataMigrationException">A script failed; earlier ones stay applied.</exception>
    internal string[] Apply(UpgradeEngineBuilder builder, string dataSource, Func<IJournal, IJournal>? wrapJournal = null)
    {
        var statements = connectionFactory.CatalogProvider.Statements;
        var engine = builder
            .WithScripts(scripts.Select(script => new SqlScript(script.Name, script.Contents)))
            .WithScriptNameComparer(StringComparer.Ordinal)
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .JournalTo((connectionManager, _) =>
            {
                IJournal journal = new ChecksumJournal(connectionManager, statements, scripts);
                return wrapJournal is null ? journal : wrapJournal(journal);
            })
            .LogTo(new DbUpLogAdapter(logger))
            .Build();

        // ScriptExecuted is raised after each script's transaction has committed.
        var sinceLast = Stopwatch.StartNew();
        engine.ScriptExecuted += (_, args) =>
        {
            var script = ((ScriptExecutedEventArgs)args).Script;
            MigrationLog.ScriptApplied(logger, script.Name, dataSource, sinceLast.ElapsedMilliseconds);
            sinceLast.Restart();
        };

        var result = engine.PerformUpgrade();
        if (!result.Successful && result.Error is OperationCanceledException cancelled)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cancelled); // Cancelled in the backup taken inside the first script's transaction.
        }

        if (!result.Successful && result.Error is BookDataDatabaseException beforeTheScript)
        {
            throw beforeTheScript; // The backup taken inside the first script's transaction failed; nothing was applied.
        }

        if (!result.Successful && result.Error is BookDataMigrationException { ScriptName: not null } checkFailed)
        {
            throw checkFailed;
        }

        if (!result.Successful && result.ErrorScript is { } timedOut && connectionFactory.CatalogProvider.IsCommandTimeout(result.Error))
        {
            var limit = Options.MigrationTimeout is { } timeout
                ? string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(timeout.TotalSeconds)} s")
                : "the connection string's Command Timeout";
            throw new BookDataMigrationException(
                timedOut.Name,
                $"Migration script '{timedOut.Name}' ran longer than the migration timeout ({limit}, {BookDataOptions.SectionName}:{nameof(BookDataOptions.MigrationTimeout)}) on database '{dataSource}' and was cancelled; "
                + $"its changes were rolled back and earlier scripts stay applied. Raise {BookDataOptions.SectionName}:{nameof(BookDataOptions.MigrationTimeout)}, or leave it unset for no limit.",
                result.Error);
        }

        if (!result.Successful)
        {
            var scriptName = result.ErrorScript?.Name;
            var rolledBack = scriptName is null ? "" : "; the script was rolled back and earlier scripts stay applied";
            var reason = result.Error switch
            {
                SqliteException full when SqliteErrors.IsDiskFull(full) =>
                    SqliteErrors.DiskFullWhich + "; a script that rebuilds a table needs room for a second copy of it). "
                    + (scriptName is null ? "Free some space and migrate again." : "Free some space and migrate again; the script was rolled back and earlier scripts stay applied."),
                SqliteException busy when SqliteErrors.IsBusy(busy) =>
                    $"the database {SqliteErrors.LockedTooLong(Options.BusyTimeout)}{rolledBack}. Migrate again when that connection is done.",
                _ => result.Error?.Message,
            };
            var appliedFirst = result.Scripts.Select(script => script.Name).ToArray();
            var applied = appliedFirst.Length == 0 ? "" : $" Applied before it: {string.Join(", ", appliedFirst)}.";
            throw new BookDataMigrationException(
                scriptName,
                scriptName is null
                    ? $"Migrating database '{dataSource}' failed: {reason}{applied}"
                    : $"Migration script '{scriptName}' failed on database '{dataSource}': {reason}{applied}",
                result.Error);
        }

        return result.Scripts.Select(script => script.Name).ToArray();
    }
}
