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

    /// <summary>Runs the query on the factory's database, SQLite or PostgreSQL, and writes its rows to <paramref name="output"/> as they are read.</summary>
    /// <param name="connections">Opens the read-only connection.</param>
    /// <param name="sql">One SQL statement that only reads.</param>
    /// <param name="output">Receives the columns, each row and the end.</param>
    /// <param name="maxRows">The most rows to write; 0 for all.</param>
    /// <param name="cancellationToken">Stops the running query.</param>
    /// <returns>How many rows were written and whether more were left.</returns>
    /// <exception cref="CliInputException">
    /// The text is empty, not valid SQL, more than one statement, or would write; the query failed on its own
    /// terms (for example an integer overflow or a division by zero); or a value is larger than <see cref="QueryRows.MaxValueBytes"/>.
    /// </exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be opened.</exception>
    /// <exception cref="System.Data.Common.DbException">The database failed while the query ran (locked, corrupt, I/O error).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> stopped the query.</exception>
    public static Task<QueryResult> RunAsync(
        BookDataConnectionFactory connections, string sql, IQueryOutput output, long maxRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connections);
        return connections.Provider == BookDataProvider.PostgreSql
            ? PostgreSqlReadOnlyQuery.RunAsync(connections, sql, output, maxRows, cancellationToken)
            : RunSqliteAsync(connections, sql, output, maxRows, cancellationToken);
    }

    /// <summary>
    /// Runs the query on SQLite. For as long as it runs, the connection has the authorizer and a length limit of
    /// <see cref="QueryRows.MaxValueBytes"/> (<c>SQLITE_LIMIT_LENGTH</c>), so SQLite refuses to build a larger value
    /// instead of running out of memory; both are taken off again before the connection goes back to the pool, so
    /// nothing else that opens the same database in this process sees them. Cancelling interrupts the running statement.
    /// </summary>
    private static async Task<QueryResult> RunSqliteAsync(
        BookDataConnectionFactory connections, string sql, IQueryOutput output, long maxRows, CancellationToken cancellationToken)
    {
        var opened = await connections.OpenReadOnlyAsync(cancellationToken).ConfigureAwait(false);
        await using (opened.ConfigureAwait(false))
        {
            var connection = (SqliteConnection)opened;
            var handle = connection.Handle ?? throw new InvalidOperationException("The connection has no SQLite handle.");
            var authorizer = new ReadOnlyAuthorizer();
            raw.sqlite3_set_authorizer(handle, authorizer.Authorize, null);
            var lengthLimit = raw.sqlite3_limit(handle, raw.SQLITE_LIMIT_LENGTH, QueryRows.MaxValueBytes);
            try
            {
                Check(handle, sql, authorizer);

                // sqlite3_interrupt is lost when it comes before the statement starts stepping; the progress handler,
                // called every 1,000 virtual machine steps, sees a cancellation whenever it came.
                raw.sqlite3_progress_handler(handle, 1000, static state => ((CancellationToken)state).IsCancellationRequested ? 1 : 0, cancellationToken);
                var interrupt = cancellationToken.Register(() => raw.sqlite3_interrupt(handle));
                try
                {
                    return await CopyAsync(connection, sql, output, maxRows, cancellationToken).ConfigureAwait(false);
                }
                catch (SqliteException) when (authorizer.Refusal is not null)
                {
                    throw new CliInputException($"{RefusedPrefix} {authorizer.Refusal}.");
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == raw.SQLITE_INTERRUPT && cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException("The query was interrupted.", ex, cancellationToken);
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == raw.SQLITE_TOOBIG)
                {
                    throw new CliInputException(QueryRows.ValueTooLarge, ex);
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode is raw.SQLITE_ERROR or raw.SQLITE_MISMATCH or raw.SQLITE_RANGE)
                {
                    throw new CliInputException($"The query failed: {SqliteMessage(ex)}.", ex);
                }
                finally
                {
                    // Waits for an interrupt already under way, so none reaches the connection once it is back in the pool.
                    await interrupt.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                // The connection goes back to the pool: it must keep neither the limit nor the authorizer.
                raw.sqlite3_limit(handle, raw.SQLITE_LIMIT_LENGTH, lengthLimit);
                raw.sqlite3_set_authorizer(handle, (strdelegate_authorizer?)null, null);
                raw.sqlite3_progress_handler(handle, 0, null, null);
            }
        }
    }

    /// <summary>SQLite's own message from a <see cref="SqliteException"/>, without the "SQLite Error 1: '…'." wrapping.</summary>
    private static string SqliteMessage(SqliteException exception)
    {
        var message = exception.Message;
        var start = message.IndexOf(": '", StringComparison.Ordinal);
        return start > 0 && message.EndsWith("'.", StringComparison.Ordinal)
            ? message[(start + 3)..^2]
            : message.TrimEnd('.');
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

            // A pragma that only reads its value (PRAGMA journal_mode) is not marked read-only by SQLite, because
            // the same pragma with an argument would write; the authorizer has already refused it with one.
            if (raw.sqlite3_stmt_readonly(statement) == 0 && !authorizer.IsValueRead)
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

        if (rc == raw.SQLITE_TOOBIG)
        {
            throw new CliInputException(QueryRows.ValueTooLarge);
        }

        var message = raw.sqlite3_errmsg(handle).utf8_to_string();
        throw new CliInputException($"The query cannot run: {message}.");
    }

    private static async Task<QueryResult> CopyAsync(
        SqliteConnection connection, string sql, IQueryOutput output, long maxRows, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await QueryRows.CopyAsync(reader, value => value, output, maxRows, cancellationToken).ConfigureAwait(false);
        }
    }
}
