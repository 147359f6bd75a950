using System.Data.Common;
using BookData.Migrations;
using BookData.PostgreSql.Connections;
using Dapper;
using DbUp;
using Npgsql;

namespace BookData.PostgreSql.Migrations;

/// <summary>
/// <see cref="BookDataMigrator"/> on PostgreSQL: a missing database is created first, and the upgrade runs under a
/// transaction-level advisory lock (<see cref="PostgreSqlMigrationSql"/>), held by a transaction kept open on one connection,
/// while DbUp applies the scripts on a connection of its own; each script's transaction waits for other locks no longer
/// than the busy timeout (<see cref="LockTimeoutPreprocessor"/>) and each statement no longer than <see cref="BookDataOptions.MigrationTimeout"/>.
/// The extensions the pending scripts create are checked first (<see cref="PostgreSqlExtensions"/>), and the types they
/// create are reloaded after (<see cref="PostgreSqlDatabase.ReloadTypesAsync"/>). Works directly and through a transaction-pooling pooler.
/// </summary>
internal static class PostgreSqlMigration
{
    /// <summary>Where the database stands; a database the server does not have is reported with every script pending.</summary>
    public static async Task<MigrationStatus> GetStatusAsync(BookDataMigrator migrator, CancellationToken cancellationToken)
    {
        var factory = migrator.ConnectionFactory;
        DbConnection connection;
        try
        {
            connection = await factory.OpenPrimaryReadOnlyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BookDataDatabaseException ex) when (ex.InnerException is DbException inner && PostgreSqlErrors.IsMissingDatabase(inner))
        {
            return MigrationPlan.ForNewDatabase(migrator.Scripts).ToStatus();
        }

        await using (connection.ConfigureAwait(false))
        {
            return MigrationPlan.Read(connection, factory.CatalogProvider, factory.DataSource, migrator.Scripts).ToStatus();
        }
    }

    /// <summary>Creates the database if missing and applies the pending scripts under the advisory lock.</summary>
    public static async Task<MigrationResult> MigrateAsync(BookDataMigrator migrator, CancellationToken cancellationToken)
    {
        var connectionFactory = migrator.ConnectionFactory;
        var logger = migrator.Logger;
        var dataSource = connectionFactory.DataSource;
        await PostgreSqlDatabase.CreateIfMissingAsync(connectionFactory, logger, cancellationToken).ConfigureAwait(false);

        var connection = await connectionFactory.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var plan = migrator.ReadCheckedPlan(connection, dataSource);
            if (plan.Pending.Count == 0)
            {
                migrator.LogAcceptedChanges(plan, dataSource);
                return new MigrationResult([]);
            }

            // The lock is a transaction lock, held by a transaction left open on this connection for the whole migration:
            // behind a transaction-pooling pooler that pins one server connection, where a session lock would land on
            // whichever one was free. DbUp applies the scripts on connections of its own; rolling back releases the lock.
            var lockKey = new { Key = PostgreSqlDatabase.MigrationLockKey };
            var transaction = await connectionFactory.BeginTransactionAsync(connection, readOnly: false, cancellationToken).ConfigureAwait(false);
            string[] applied;
            await using (transaction.ConfigureAwait(false))
            {
                try
                {
                    var locked = await connection.ExecuteScalarAsync<bool>(
                        new CommandDefinition(PostgreSqlMigrationSql.TryLock, lockKey, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    if (!locked)
                    {
                        MigrationLog.WaitingForAdvisoryLock(logger, dataSource);
                        await connection.ExecuteAsync(new CommandDefinition(PostgreSqlMigrationSql.Lock, lockKey, transaction, cancellationToken: cancellationToken))
                            .ConfigureAwait(false);
                    }
                }
                catch (DbException ex)
                {
                    throw PostgreSqlErrors.IsLockTimeout(ex)
                        ? new BookDataDatabaseException(
                            $"Database '{dataSource}' is being migrated by another process, which held the migration lock for longer than the busy timeout ({migrator.Options.BusyTimeout}).",
                            ex)
                        : PostgreSqlErrors.Translate(dataSource, ex);
                }

                try
                {
                    // Another process may have migrated while this one waited for the lock.
                    var current = migrator.ReadCheckedPlan(connection, dataSource);
                    migrator.LogAcceptedChanges(current, dataSource);
                    if (current.Pending.Count == 0)
                    {
                        return new MigrationResult([]);
                    }

                    await PostgreSqlExtensions.EnsureCreatableAsync(
                        (NpgsqlConnection)connection, (NpgsqlTransaction)transaction, current.Pending, dataSource, cancellationToken).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();

                    // Timeouts: DbUp's connection and each script statement get MigrationTimeout (0 = no limit), never
                    // the ordinary operations' command timeout; lock waits inside a script end at the busy timeout
                    // (LockTimeoutPreprocessor sets it inside each script's transaction).
                    var migrationTimeout = PostgreSqlTimeouts.MigrationTimeoutSeconds(migrator.Options);
                    applied = migrator.Apply(
                        DeployChanges.To.PostgresqlDatabase(PostgreSqlTimeouts.ForMigration(connectionFactory.ConnectionString, migrator.Options))
                            .WithExecutionTimeout(TimeSpan.FromSeconds(migrationTimeout))
                            .WithPreprocessor(new LockTimeoutPreprocessor(migrator.Options.BusyTimeout)),
                        dataSource);
                }
                finally
                {
                    // Ending the transaction releases the lock. A failed rollback (the connection broke, which may be why the
                    // migration failed) must not hide the migration's own outcome: the lock ends with the server connection.
                    await BookData.Connections.Cleanup.QuietlyAsync(
                        () => transaction.RollbackAsync(CancellationToken.None),
                        "releasing the migration lock",
                        dataSource,
                        logger).ConfigureAwait(false);
                }
            }

            await PostgreSqlDatabase.ReloadTypesAsync((NpgsqlConnection)connection, cancellationToken).ConfigureAwait(false);
            return new MigrationResult(applied);
        }
    }
}
