using System.Data;
using System.Globalization;
using BookData.Cli.Hosting;
using BookData.Connections;
using Npgsql;

namespace BookData.Cli.Sql;

/// <summary>
/// Runs one ad-hoc query on PostgreSQL so that it cannot change the database: on the read replica when there is one,
/// else the catalog, inside a transaction set <c>READ ONLY</c> (no session setting, so also behind a transaction-pooling
/// pooler) that is rolled back whatever happens. The text goes to the server as one prepared
/// statement, which the server refuses to parse when it holds more than one command, so nothing of a
/// multi-statement text runs. A statement that would write fails in the server with
/// <c>read_only_sql_transaction</c> (25006), which becomes the same refusal the SQLite path gives.
/// </summary>
internal static class PostgreSqlReadOnlyQuery
{
    /// <summary>SQLSTATE class 42: syntax error or access rule violation, found while the statement is parsed.</summary>
    private const string SyntaxErrorClass = "42";

    /// <summary>The server function that refuses a prepared statement of several commands (SQLSTATE 42601); unlike the message, not translated.</summary>
    private const string ParseMessageRoutine = "exec_parse_message";

    /// <summary>SQLSTATE classes of errors the query makes on its own terms while it runs, which are bad input, not a database failure.</summary>
    private static readonly string[] QueryErrorClasses =
    [
        "0A", // feature not supported
        "21", // cardinality violation: more than one row returned by a subquery
        "22", // data exception: division by zero, invalid input syntax, out of range
        "27", // triggered data change violation
        "2F", // SQL routine exception
        "38", // external routine exception
        "39", // external routine invocation exception
        "3F", // invalid schema name
        "44", // WITH CHECK OPTION violation
        "54", // program limit exceeded: a value or statement too large for the server
        "P0", // PL/pgSQL error: RAISE EXCEPTION in a function the query calls
    ];

    /// <summary>Runs the query and writes its rows to <paramref name="output"/> as they arrive.</summary>
    /// <param name="connections">A PostgreSQL factory; opens the connection (to its read replica when it has one) and begins its read-only transaction.</param>
    /// <param name="sql">One SQL statement that only reads.</param>
    /// <param name="output">Receives the columns and rows, with values as the SQLite path gives them where the types agree.</param>
    /// <param name="maxRows">The most rows to write; 0 for all. The server stops the query when the cap is reached.</param>
    /// <param name="cancellationToken">Stops the query on the server.</param>
    /// <returns>How many rows were written and whether more were left.</returns>
    /// <exception cref="CliInputException">
    /// The text is empty, not valid SQL, more than one statement, or would write; the query failed on its own terms
    /// (for example a division by zero); or a value is larger than <see cref="QueryRows.MaxValueBytes"/>.
    /// </exception>
    /// <exception cref="BookDataDatabaseException">The database (or the read replica, named as such) cannot be opened.</exception>
    /// <exception cref="PostgresException">The server failed while the query ran.</exception>
    public static async Task<QueryResult> RunAsync(
        BookDataConnectionFactory connections, string sql, IQueryOutput output, long maxRows, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            throw new CliInputException(ReadOnlyQuery.EmptyQuery);
        }

        RefuseNonQuery(sql);
        // The read replica when there is one (--read-connection), else the catalog itself.
        var opened = await connections.OpenForReadingAsync(cancellationToken).ConfigureAwait(false);
        await using (opened.ConfigureAwait(false))
        {
            // A read-only transaction (the library's one way to begin it): the guarantee holds without session settings,
            // so also behind a transaction-pooling pooler.
            var connection = (NpgsqlConnection)opened;
            var transaction = (NpgsqlTransaction)await connections.BeginTransactionAsync(connection, readOnly: true, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // One batch command is sent as one prepared statement, never split into several by Npgsql.
                var statement = new NpgsqlBatchCommand(sql);
                var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { statement } };
                await using (batch.ConfigureAwait(false))
                {
                    try
                    {
                        return await CopyAsync(batch, statement, output, maxRows, cancellationToken).ConfigureAwait(false);
                    }
                    catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction)
                    {
                        throw new CliInputException($"{ReadOnlyQuery.RefusedPrefix} change the database ({ex.MessageText}).", ex);
                    }
                    catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.SyntaxError
                        && string.Equals(ex.Routine, ParseMessageRoutine, StringComparison.Ordinal))
                    {
                        throw new CliInputException(ReadOnlyQuery.OneStatementOnly, ex);
                    }
                    catch (PostgresException ex) when (ex.SqlState.StartsWith(SyntaxErrorClass, StringComparison.Ordinal))
                    {
                        throw new CliInputException($"The query cannot run: {ex.MessageText}.", ex);
                    }
                    catch (PostgresException ex) when (QueryErrorClasses.Contains(ex.SqlState[..2], StringComparer.Ordinal))
                    {
                        throw new CliInputException($"The query failed: {ex.MessageText}.", ex);
                    }
                    catch (OutOfMemoryException ex)
                    {
                        // One value too large for a .NET string or array (the server allows up to 1 GB per field).
                        throw new CliInputException(QueryRows.ValueTooLarge, ex);
                    }
                    finally
                    {
                        await RollBackAsync(connection, transaction).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Rolls the transaction back. A statement that ended it itself (COMMIT, ROLLBACK) leaves nothing to
    /// roll back; the transaction was read-only, so it changed nothing either way.
    /// </summary>
    private static async Task RollBackAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        if (connection.FullState != ConnectionState.Open)
        {
            return;
        }

        try
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already completed by the query itself.
        }
    }

    /// <summary>
    /// Copies the rows with <see cref="CommandBehavior.SequentialAccess"/>, so Npgsql does not buffer a whole row; when the
    /// row cap stops the copy, the server is told to cancel the query instead of sending the rest to be skipped.
    /// </summary>
    private static async Task<QueryResult> CopyAsync(
        NpgsqlBatch batch, NpgsqlBatchCommand statement, IQueryOutput output, long maxRows, CancellationToken cancellationToken)
    {
        var reader = await batch.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var fields = reader.FieldCount;
            var result = await QueryRows.CopyAsync(reader, Normalize, output, maxRows, cancellationToken).ConfigureAwait(false);
            if (result.Truncated)
            {
                batch.Cancel();
                try
                {
                    await reader.CloseAsync().ConfigureAwait(false);
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.QueryCanceled)
                {
                    // The cancellation asked for above; the transaction is rolled back.
                }
            }
            else
            {
                await reader.CloseAsync().ConfigureAwait(false);
            }

            // An empty text (a comment, a lone ';') has no columns and no statement type; nothing was printed yet.
            if (fields == 0 && statement.StatementType == Npgsql.StatementType.Unknown)
            {
                throw new CliInputException(ReadOnlyQuery.EmptyQuery);
            }

            return result;
        }
    }

    /// <summary>
    /// PostgreSQL commands that are not queries: refused before they reach the server (a word that is no command at
    /// all is left to the server's parser, which names the syntax error).
    /// </summary>
    private static readonly HashSet<string> NonQueryKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ABORT", "ALTER", "ANALYZE", "ANALYSE", "BEGIN", "CALL", "CHECKPOINT", "CLOSE", "CLUSTER", "COMMENT", "COMMIT",
        "COPY", "CREATE", "DEALLOCATE", "DECLARE", "DELETE", "DISCARD", "DO", "DROP", "END", "EXECUTE", "FETCH", "GRANT",
        "IMPORT", "INSERT", "LISTEN", "LOAD", "LOCK", "MERGE", "MOVE", "NOTIFY", "PREPARE", "REASSIGN", "REFRESH",
        "REINDEX", "RELEASE", "RESET", "REVOKE", "ROLLBACK", "SAVEPOINT", "SECURITY", "SET", "START", "TRUNCATE",
        "UNLISTEN", "UPDATE", "VACUUM",
    };

    /// <summary>
    /// Refuses a command that is not a query before it reaches the server. A <c>READ ONLY</c> transaction stops
    /// writes to tables, but not <c>COPY … TO</c> a server file or program, <c>SET</c>, <c>LISTEN</c>,
    /// <c>CHECKPOINT</c>, <c>VACUUM</c> or <c>DO</c>; those are refused here by their first keyword (after comments
    /// and opening parentheses). Functions with effects on the server (<c>pg_reload_conf()</c>,
    /// <c>pg_terminate_backend()</c>) are the role's to allow or not: run <c>sql</c> as a role without them.
    /// </summary>
    private static void RefuseNonQuery(string sql)
    {
        var position = 0;
        while (position < sql.Length)
        {
            if (char.IsWhiteSpace(sql[position]) || sql[position] == '(')
            {
                position++;
            }
            else if (string.CompareOrdinal(sql, position, "--", 0, 2) == 0)
            {
                var end = sql.IndexOf('\n', position);
                position = end < 0 ? sql.Length : end + 1;
            }
            else if (string.CompareOrdinal(sql, position, "/*", 0, 2) == 0)
            {
                // PostgreSQL's block comments nest.
                var depth = 0;
                do
                {
                    if (string.CompareOrdinal(sql, position, "/*", 0, 2) == 0)
                    {
                        depth++;
                        position += 2;
                    }
                    else if (string.CompareOrdinal(sql, position, "*/", 0, 2) == 0)
                    {
                        depth--;
                        position += 2;
                    }
                    else
                    {
                        position++;
                    }
                }
                while (depth > 0 && position < sql.Length);
            }
            else
            {
                break;
            }
        }

        var start = position;
        while (position < sql.Length && char.IsAsciiLetter(sql[position]))
        {
            position++;
        }

        if (position == start)
        {
            return; // Nothing but comments, or something the server's parser will name.
        }

        var keyword = sql[start..position];
        if (NonQueryKeywords.Contains(keyword))
        {
            throw new CliInputException(
                $"{ReadOnlyQuery.RefusedPrefix} change the database or the server: {keyword.ToUpperInvariant()} is not a query (SELECT, WITH, VALUES, TABLE, EXPLAIN and SHOW are).");
        }
    }

    /// <summary>
    /// The value as the SQLite path would give it: whole numbers as <see cref="long"/>, floating point as
    /// <see cref="double"/>, <see cref="decimal"/> and <see cref="bool"/> kept, blobs as byte arrays, and every
    /// other type (dates, arrays, JSON, ...) as text in PostgreSQL's own format where it has one.
    /// </summary>
    private static object Normalize(object value) => value switch
    {
        short or int or long or byte => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        float single => (double)single,
        double or decimal or bool or string or byte[] => value,
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture) + (time.Kind == DateTimeKind.Utc ? "+00" : ""),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        Array array => "{" + string.Join(",", array.Cast<object?>().Select(item => item is null ? "NULL" : Normalize(item) switch
        {
            string text => text,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        })) + "}",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "", // a void result (pg_notify) reads as null
    };
}
