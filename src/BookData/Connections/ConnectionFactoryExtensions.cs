using System.Collections;
using BookData.Diagnostics;
using System.Data.Common;
using Dapper;

namespace BookData.Connections;

/// <summary>
/// The two shapes every repository operation takes: a read on a pooled connection (to the read replica when
/// <see cref="BookDataOptions.ReadConnectionString"/> is set), or a write in one transaction on the primary. On SQLite the transaction takes the write lock up front (<c>BEGIN IMMEDIATE</c>), so
/// concurrent writers queue on the busy timeout instead of failing; on PostgreSQL it is read committed and
/// row locks wait up to the busy timeout (<c>lock_timeout</c>). Database errors leave as BookData exceptions.
/// Each operation is traced and measured under its name (<see cref="BookDataTelemetry"/>) and logged
/// when it is slower than <see cref="BookDataOptions.SlowStatementThreshold"/>.
/// </summary>
internal static class ConnectionFactoryExtensions
{
    /// <param name="factory">The connection factory.</param>
    /// <param name="operation">The operation's stable name in traces and metrics, for example <c>author.get_by_id</c>.</param>
    /// <param name="read">The statements of the operation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public static Task<T> ReadAsync<T>(
        this BookDataConnectionFactory factory,
        string operation,
        Func<DbConnection, Task<T>> read,
        CancellationToken cancellationToken) =>
        RunAsync(factory, operation, factory.OpenForReadingAsync, read, factory.TranslateReadError, cancellationToken);

    /// <param name="factory">The connection factory.</param>
    /// <param name="operation">The operation's stable name in traces and metrics, for example <c>author.add</c>.</param>
    /// <param name="write">The statements of the operation, run inside the transaction.</param>
    /// <param name="translate">Turns an expected constraint error into a specific exception; <see langword="null"/> for the generic one.</param>
    /// <param name="cancellationToken">Cancels the operation; a cancelled write is rolled back.</param>
    public static Task<T> WriteAsync<T>(
        this BookDataConnectionFactory factory,
        string operation,
        Func<DbConnection, DbTransaction, Task<T>> write,
        Func<DbException, BookDataException?>? translate,
        CancellationToken cancellationToken) =>
        RunAsync(
            factory,
            operation,
            factory.OpenAsync,
            async connection =>
            {
                // On SQLite, BEGIN IMMEDIATE: waits (up to the busy timeout) for other writers before reading anything;
                // on PostgreSQL the busy timeout is set inside the transaction (SET LOCAL lock_timeout).
                var transaction = await factory.BeginTransactionAsync(connection, readOnly: false, cancellationToken).ConfigureAwait(false);
                await using var transactionScope = transaction.ConfigureAwait(false);
                var result = await write(connection, transaction).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            },
            ex => translate?.Invoke(ex) ?? factory.CatalogProvider.Translate(factory.DataSource, ex, factory.Options.BusyTimeout),
            cancellationToken);

    /// <summary>
    /// A write of one statement that returns the row it changed (an <c>UPDATE … RETURNING</c>): no row means there
    /// is nothing with that id, which throws <see cref="BookDataNotFoundException"/> with <paramref name="notFoundMessage"/>.
    /// </summary>
    /// <param name="factory">The connection factory.</param>
    /// <param name="operation">The operation's stable name in traces and metrics, for example <c>book.rename</c>.</param>
    /// <param name="sql">The statement.</param>
    /// <param name="parameters">Its parameters.</param>
    /// <param name="notFoundMessage">The message when the statement changed no row.</param>
    /// <param name="translate">Turns an expected constraint error into a specific exception; <see langword="null"/> for the generic one.</param>
    /// <param name="cancellationToken">Cancels the operation; a cancelled write is rolled back.</param>
    public static Task<T> UpdateExistingAsync<T>(
        this BookDataConnectionFactory factory,
        string operation,
        string sql,
        object parameters,
        string notFoundMessage,
        Func<DbException, BookDataException?>? translate,
        CancellationToken cancellationToken)
        where T : class =>
        factory.WriteAsync(
            operation,
            async (connection, transaction) =>
                await connection.QuerySingleOrDefaultAsync<T?>(
                    new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)
                ?? throw new BookDataNotFoundException(notFoundMessage),
            translate,
            cancellationToken);

    /// <summary>
    /// Runs <paramref name="body"/> on a pooled connection from <paramref name="open"/>, traced and measured under
    /// <paramref name="operation"/>; a database error leaves as <paramref name="translate"/>'s exception.
    /// </summary>
    private static async Task<T> RunAsync<T>(
        BookDataConnectionFactory factory,
        string operation,
        Func<CancellationToken, Task<DbConnection>> open,
        Func<DbConnection, Task<T>> body,
        Func<DbException, BookDataException> translate,
        CancellationToken cancellationToken)
    {
        using var traced = BookDataTelemetry.StartOperation(operation, factory);
        try
        {
            var connection = await open(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                try
                {
                    var result = await body(connection).ConfigureAwait(false);
                    traced.SetRows(RowCount(result));
                    return result;
                }
                catch (DbException ex)
                {
                    throw translate(ex);
                }
            }
        }
        catch (Exception ex)
        {
            traced.SetError(ex);
            throw;
        }
    }

    /// <summary>
    /// The rows an operation returned or wrote, as traces report them: the items of a list or page,
    /// 0 for nothing found or nothing changed, 1 for a single record or scalar.
    /// </summary>
    private static long RowCount(object? result) => result switch
    {
        null => 0,
        ICollection collection => collection.Count,
        IPage page => page.ItemCount,
        bool changed => changed ? 1 : 0,
        _ => 1,
    };
}
