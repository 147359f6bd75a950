using System.Data.Common;
using BookData.Migrations;
using BookData.PostgreSql.Connections;
using Dapper;
using DbUp;
using Npgsql;

namespace BookData.PostgreSql.Migrations;

/// <summary>
/// <see cref="BookDataMigrator"/> on PostgreSQL: a missing database is created first, and the upgrade runs under a
/// session advisory lock (<see cref="PostgreSqlMigrationSql"/>) while DbUp applies the scripts on a connection of its own.
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

            // The advisory lock belongs to this session; DbUp applies the scripts on a connection of its own.
            var lockKey = new { Key = PostgreSqlDatabase.MigrationLockKey };
            try
            {
                var locked = await connection.ExecuteScalarAsync<bool>(
                    new CommandDefinition(PostgreSqlMigrationSql.TryLock, lockKey, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (!locked)
                {
                    MigrationLog.WaitingForAdvisoryLock(logger, dataSource);
                    await connection.ExecuteAsync(new CommandDefinition(PostgreSqlMigrationSql.Lock, lockKey, cancellationToken: cancellationToken))
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

                cancellationToken.ThrowIfCancellationRequested();
                var applied = migrator.Apply(DeployChanges.To.PostgresqlDatabase(connectionFactory.ConnectionString), dataSource);
                await PostgreSqlDatabase.ReloadTypesAsync(connectionFactory, (NpgsqlConnection)connection, cancellationToken).ConfigureAwait(false);
                return new MigrationResult(applied);
            }
            finally
            {
                // The session's lock also ends with the session: a failed unlock (the connection broke, which
                // may be why the migration failed) must not hide the migration's own outcome.
                await BookData.Connections.Cleanup.QuietlyAsync(
                    () => connection.ExecuteAsync(new CommandDefinition(PostgreSqlMigrationSql.Unlock, lockKey, cancellationToken: CancellationToken.None)),
                    "releasing the migration lock",
                    dataSource,
                    logger).ConfigureAwait(false);
            }
        }
    }
}
