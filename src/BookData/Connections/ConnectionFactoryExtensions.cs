using Microsoft.Data.Sqlite;

namespace BookData.Connections;

/// <summary>
/// The two shapes every repository operation takes: a read on a pooled connection, or a write in
/// one transaction that takes the write lock up front (<c>BEGIN IMMEDIATE</c>), so concurrent
/// writers queue on the busy timeout instead of failing. SQLite errors leave as BookData exceptions.
/// </summary>
internal static class ConnectionFactoryExtensions
{
    public static async Task<T> ReadAsync<T>(
        this BookDataConnectionFactory factory,
        Func<SqliteConnection, Task<T>> read,
        CancellationToken cancellationToken)
    {
        var connection = await factory.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await read(connection).ConfigureAwait(false);
            }
            catch (SqliteException ex)
            {
                throw SqliteErrors.Translate(factory.DataSource, ex);
            }
        }
    }

    /// <param name="factory">The connection factory.</param>
    /// <param name="write">The statements of the operation, run inside the transaction.</param>
    /// <param name="translate">Turns an expected constraint error into a specific exception; <see langword="null"/> for the generic one.</param>
    /// <param name="cancellationToken">Cancels the operation; a cancelled write is rolled back.</param>
    public static async Task<T> WriteAsync<T>(
        this BookDataConnectionFactory factory,
        Func<SqliteConnection, SqliteTransaction, Task<T>> write,
        Func<SqliteException, BookDataException?>? translate,
        CancellationToken cancellationToken)
    {
        var connection = await factory.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                // BEGIN IMMEDIATE: waits (up to the busy timeout) for other writers before reading anything.
                using var transaction = connection.BeginTransaction();
                var result = await write(connection, transaction).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                transaction.Commit();
                return result;
            }
            catch (SqliteException ex)
            {
                throw translate?.Invoke(ex) ?? SqliteErrors.Translate(factory.DataSource, ex);
            }
        }
    }
}
