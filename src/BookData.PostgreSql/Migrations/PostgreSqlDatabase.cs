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
    /// <exception cref="BookDataDatabaseException">The server does not answer, or the database is missing and cannot be created.</exception>
    public static async Task CreateIfMissingAsync(BookDataConnectionFactory factory, ILogger logger, CancellationToken cancellationToken)
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

        var target = new NpgsqlConnectionStringBuilder(factory.ConnectionString);
        var name = target.Database!;
        var maintenance = new NpgsqlConnectionStringBuilder(factory.ConnectionString) { Database = "postgres", Pooling = false };
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
    /// Makes Npgsql learn the types a migration created (citext): it reads a database's types once per connection
    /// string, so connections opened before the migration would not know them. Both of the factory's connection
    /// strings (read-write and read-only) are refreshed.
    /// </summary>
    public static async Task ReloadTypesAsync(BookDataConnectionFactory factory, NpgsqlConnection readWrite, CancellationToken cancellationToken)
    {
        await readWrite.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);
        var readOnly = (NpgsqlConnection)await factory.OpenPrimaryReadOnlyAsync(cancellationToken).ConfigureAwait(false);
        await using (readOnly.ConfigureAwait(false))
        {
            await readOnly.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
