using System.Buffers.Binary;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using BookData.Connections;
using BookData.Migrations;
using BookData.PostgreSql.Connections;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BookData.PostgreSql.Migrations;

/// <summary>The PostgreSQL database a catalog lives in: its creation, and the key of the lock that serializes its migrations.</summary>
internal static class PostgreSqlDatabase
{
    /// <summary>
    /// The advisory lock key of BookData's migrations: the first eight bytes of SHA-256("BookData.migrate"),
    /// so it does not collide with keys other applications pick by hand. Advisory locks are per database.
    /// </summary>
    public static long MigrationLockKey { get; } =
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("BookData.migrate")));

    /// <summary>
    /// Creates the connection string's database when the server does not have it, connecting to the server's
    /// <c>postgres</c> maintenance database as the same user. A database another process creates at the same
    /// moment counts as created.
    /// </summary>
    /// <remarks>
    /// Whether it exists is asked on the maintenance database first, not by logging in to it: through PgBouncer a login to
    /// a missing database gives no 3D000 and makes the pooler wait before it tries that database again. Only when the
    /// maintenance database cannot be reached is the database probed by opening it.
    /// </remarks>
    /// <exception cref="BookDataDatabaseException">The server does not answer, or the database is missing and cannot be created.</exception>
    public static async Task CreateIfMissingAsync(BookDataConnectionFactory factory, ILogger logger, CancellationToken cancellationToken)
    {
        var exists = await PostgreSqlConnections.DatabaseExistsAsync(factory.ConnectionString, cancellationToken).ConfigureAwait(false);
        if (exists == true)
        {
            return;
        }

        if (exists is null)
        {
            try
            {
                var probe = await factory.OpenAsync(cancellationToken).ConfigureAwait(false);
                await probe.DisposeAsync().ConfigureAwait(false);
                return;
            }
            catch (BookDataDatabaseException ex) when (ex.InnerException is DbException inner && PostgreSqlErrors.IsMissingDatabase(inner))
            {
                // Created below.
            }
        }

        var target = new NpgsqlConnectionStringBuilder(factory.ConnectionString);
        var name = target.Database!;
        // CREATE DATABASE is a migration step: MigrationTimeout bounds it (Timeouts), not the ordinary command timeout.
        var maintenance = new NpgsqlConnectionStringBuilder(PostgreSqlTimeouts.ForMigration(factory.ConnectionString, factory.Options))
        {
            Database = PostgreSqlConnectionSql.MaintenanceDatabase,
            Pooling = false,
        };
        try
        {
            var connection = new NpgsqlConnection(maintenance.ToString());
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                using var command = connection.CreateCommand();

                // CREATE DATABASE takes no parameters: the name is the configured one, quoted as an identifier.
                command.CommandText = $"CREATE DATABASE {QuoteIdentifier(name)};";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                MigrationLog.DatabaseCreated(logger, factory.DataSource);
            }
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another process created it first.
        }
        catch (NpgsqlException ex)
        {
            throw new BookDataDatabaseException(
                $"Database '{factory.DataSource}' does not exist and cannot be created: {ex.Message}; create it (CREATE DATABASE) or give the user the CREATEDB privilege.",
                ex);
        }
    }

    /// <summary>
    /// Makes Npgsql learn the types a migration created (citext) at once, retiring the pool's older connections
    /// (<see cref="PostgreSqlTypeCatalog.ReloadAsync"/>). Read-write and read-only connections share the factory's one
    /// connection string, so one reload serves both. Connections of other processes, or of this one that missed the
    /// migration, learn them when next opened (<see cref="PostgreSqlTypeCatalog.EnsureCurrentAsync"/>); so do a read
    /// replica's, once the replica has replayed the migration (reloading them here could come before it has).
    /// </summary>
    public static Task ReloadTypesAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        PostgreSqlTypeCatalog.ReloadAsync(connection, cancellationToken);

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
