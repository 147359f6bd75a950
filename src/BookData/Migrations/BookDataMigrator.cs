using BookData.Connections;
using DbUp;
using DbUp.Engine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BookData.Migrations;

/// <summary>
/// Brings a catalog database's schema up to date with the versioned scripts embedded in BookData
/// (<c>migrations/NNNN_verb_object.sql</c>), run in order by DbUp, one transaction per script,
/// each recorded in the <c>schema_version</c> journal.
/// </summary>
/// <remarks>
/// Running it on a current database does nothing. A script that fails is rolled back and the
/// database stays at the last script that succeeded.
/// </remarks>
public sealed class BookDataMigrator
{
    private readonly BookDataConnectionFactory connectionFactory;
    private readonly IReadOnlyList<MigrationScript> scripts;
    private readonly ILogger logger;

    /// <summary>Creates a migrator for the database the factory connects to.</summary>
    /// <param name="connectionFactory">Opens connections to the catalog database.</param>
    /// <param name="logger">Receives one entry per applied script; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionFactory"/> is <see langword="null"/>.</exception>
    public BookDataMigrator(BookDataConnectionFactory connectionFactory, ILogger<BookDataMigrator>? logger = null)
        : this(connectionFactory, EmbeddedMigrations.All, logger)
    {
    }

    internal BookDataMigrator(BookDataConnectionFactory connectionFactory, IReadOnlyList<MigrationScript> scripts, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connectionFactory);
        this.connectionFactory = connectionFactory;
        this.scripts = scripts;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The names of the scripts this version of BookData carries, in the order they run.</summary>
    public static IReadOnlyList<string> ScriptNames { get; } = EmbeddedMigrations.All.Select(script => script.Name).ToArray();

    /// <summary>Lists the scripts applied to the database and those still pending.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The applied and pending scripts.</returns>
    /// <exception cref="BookDataDatabaseException">The database cannot be opened.</exception>
    public async Task<MigrationStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var connection = await connectionFactory.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IReadOnlyList<AppliedMigration> applied;
            try
            {
                applied = ChecksumJournal.ReadJournal(connection.CreateCommand);
            }
            catch (SqliteException ex)
            {
                throw SqliteErrors.Translate(connectionFactory.DataSource, ex);
            }

            var appliedNames = applied.Select(entry => entry.Name).ToHashSet(StringComparer.Ordinal);
            var pending = scripts.Where(script => !appliedNames.Contains(script.Name)).Select(script => script.Name).ToArray();
            return new MigrationStatus(applied, pending);
        }
    }

    /// <summary>Applies every pending script in order, each in its own transaction.</summary>
    /// <param name="cancellationToken">Checked before the run starts; a script that has started runs to its end.</param>
    /// <returns>The scripts this run applied.</returns>
    /// <exception cref="BookDataMigrationException">A script failed; the message names it and the SQLite error.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be opened.</exception>
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Opening through the factory creates the file, checks it is a SQLite database and turns on WAL.
        var connection = await connectionFactory.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);

        var engine = DeployChanges.To
            .SqliteDatabase(connectionFactory.ConnectionString)
            .WithScripts(scripts.Select(script => new SqlScript(script.Name, script.Contents)))
            .WithScriptNameComparer(StringComparer.Ordinal)
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .JournalTo((connectionManager, _) => new ChecksumJournal(connectionManager, scripts))
            .LogTo(new DbUpLogAdapter(logger))
            .Build();

        var result = engine.PerformUpgrade();
        if (!result.Successful)
        {
            var scriptName = result.ErrorScript?.Name;
            var reason = result.Error is SqliteException sqlite ? sqlite.Message : result.Error?.Message;
            throw new BookDataMigrationException(
                scriptName,
                scriptName is null
                    ? $"Migrating database '{connectionFactory.DataSource}' failed: {reason}"
                    : $"Migration script '{scriptName}' failed on database '{connectionFactory.DataSource}': {reason}",
                result.Error);
        }

        var applied = result.Scripts.Select(script => script.Name).ToArray();
        return new MigrationResult(applied);
    }
}
