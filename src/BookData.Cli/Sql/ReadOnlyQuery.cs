using BookData.Cli.Hosting;
using BookData.Connections;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BookData.Cli.Sql;

/// <summary>
/// Runs one ad-hoc query on a read-only connection and refuses anything that could change the
/// database. On SQLite, three checks, all done by SQLite itself: the connection is opened read-only; while the
/// query is compiled an authorizer denies every action that is not a read; and the compiled
/// statement must report <c>sqlite3_stmt_readonly</c>. On PostgreSQL, see <see cref="PostgreSqlReadOnlyQuery"/>.
/// Only one statement is accepted.
/// </summary>
internal static class ReadOnlyQuery
{
    /// <summary>The start of every refusal of a statement that would write.</summary>
    public const string RefusedPrefix = "Refused: bookdata sql runs read-only queries, and this statement would";

    /// <summary>The error for a text that holds more than one statement.</summary>
    public const string OneStatementOnly = "bookdata sql runs one statement at a time; remove everything after the first ';'.";

    /// <summary>The error for a text that holds no statement.</summary>
    public const string EmptyQuery = "The query is empty; give one SELECT statement.";

    /// <summary>Runs the query on the factory's database, SQLite or PostgreSQL, and returns all its rows.</summary>
    /// <param name="connections">Opens the read-only connection.</param>
    /// <param name="sql">One SQL statement that only reads.</param>
    /// <param name="cancellationToken">Stops reading rows.</param>
    /// <returns>The columns and rows.</returns>
    /// <exception cref="CliInputException">The text is empty, not valid SQL, more than one statement, or would write.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be opened.</exception>
    /// <exception cref="System.Data.Common.DbException">The query failed while running.</exception>
    public static Task<QueryResult> RunAsync(BookDataConnectionFactory connections, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connections);
        return connections.Provider == BookDataProvider.PostgreSql
            ? PostgreSqlReadOnlyQuery.RunAsync(connections, sql, cancellationToken)
            : RunSqliteAsync(connections, sql, cancellationToken);
    }

    /// <summary>Runs the query on SQLite and returns all its rows.</summary>
    /// <param name="connections">Opens the read-only connection.</param>
    /// <param name="sql">One SQL statement that only reads.</param>
    /// <param name="cancellationToken">Stops reading rows.</param>
    /// <returns>The columns and rows.</returns>
    /// <exception cref="CliInputException">The text is empty, not valid SQL, more than one statement, or would write.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be opened.</exception>
    /// <exception cref="SqliteException">The query failed while running.</exception>
    private static async Task<QueryResult> RunSqliteAsync(BookDataConnectionFactory connections, string sql, CancellationToken cancellationToken)
    {
        var opened = await connections.OpenReadOnlyAsync(cancellationToken).ConfigureAwait(false);
        await using (opened.ConfigureAwait(false))
        {
            var connection = (SqliteConnection)opened;
            var handle = connection.Handle ?? throw new InvalidOperationException("The connection has no SQLite handle.");
            var authorizer = new ReadOnlyAuthorizer();
            raw.sqlite3_set_authorizer(handle, authorizer.Authorize, null);
            try
            {
                Check(handle, sql, authorizer);
                try
                {
                    return await ReadAllAsync(connection, sql, cancellationToken).ConfigureAwait(false);
                }
                catch (SqliteException) when (authorizer.Refusal is not null)
                {
                    throw new CliInputException($"{RefusedPrefix} {authorizer.Refusal}.");
                }
            }
            finally
            {
                // The connection goes back to the pool: it must not keep this authorizer.
                raw.sqlite3_set_authorizer(handle, (strdelegate_authorizer?)null, null);
            }
        }
    }

    /// <summary>Compiles the text without running it: exactly one statement, allowed by the authorizer, read-only.</summary>
    private static void Check(sqlite3 handle, string sql, ReadOnlyAuthorizer authorizer)
    {
        var rc = raw.sqlite3_prepare_v2(handle, sql, out var statement, out var tail);
        using (statement)
        {
            ThrowIfFailed(handle, rc, authorizer);
            if (statement is null || statement.IsInvalid)
            {
                throw new CliInputException(EmptyQuery);
            }

            if (raw.sqlite3_stmt_readonly(statement) == 0)
            {
                throw new CliInputException($"{RefusedPrefix} change the database.");
            }
        }

        if (!string.IsNullOrWhiteSpace(tail))
        {
            rc = raw.sqlite3_prepare_v2(handle, tail, out var next, out _);
            using (next)
            {
                ThrowIfFailed(handle, rc, authorizer);
                if (next is not null && !next.IsInvalid)
                {
                    throw new CliInputException(OneStatementOnly);
                }
            }
        }
    }

    private static void ThrowIfFailed(sqlite3 handle, int rc, ReadOnlyAuthorizer authorizer)
    {
        if (rc == raw.SQLITE_OK)
        {
            return;
        }

        if (authorizer.Refusal is not null)
        {
            throw new CliInputException($"{RefusedPrefix} {authorizer.Refusal}.");
        }

        var message = raw.sqlite3_errmsg(handle).utf8_to_string();
        throw new CliInputException($"The query cannot run: {message}.");
    }

    private static async Task<QueryResult> ReadAllAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await QueryResult.ReadAsync(reader, value => value, cancellationToken).ConfigureAwait(false);
        }
    }
}
