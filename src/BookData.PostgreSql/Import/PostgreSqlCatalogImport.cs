using System.Data;
using System.Threading.Channels;
using BookData.Connections;
using BookData.Import;
using Npgsql;
using NpgsqlTypes;

namespace BookData.PostgreSql.Import;

/// <summary>
/// One CSV import into a PostgreSQL catalog, in one read-committed transaction: the rows, parsed, normalized
/// and validated by <see cref="CsvRowSource"/>, stream through a binary <c>COPY</c> into a temporary staging
/// table, then one set-based statement per table moves what the catalog lacks into it
/// (<see cref="PostgreSqlImportSql"/>).
/// </summary>
/// <remarks>
/// A thread-pool thread reads and normalizes the input while the calling flow copies the rows to the
/// server, so memory does not grow with the file. Bad rows are handled as on SQLite (<see cref="ImportRejections"/>).
/// Anything that ends the import early (a bad row, an error, cancellation) disposes the <c>COPY</c> and the
/// transaction, which rolls everything back; the staging table goes with the transaction.
/// </remarks>
internal sealed class PostgreSqlCatalogImport(
    BookDataConnectionFactory connectionFactory,
    NpgsqlConnection connection,
    CsvRowSource source,
    string sourceName,
    ImportOptions options,
    IProgress<ImportProgress>? progress,
    long? totalBytes)
{
    private readonly ImportRejections rejections = new(sourceName, options);
    private long lastOffset;

    /// <summary>Data rows read so far, skipped ones included.</summary>
    public long RowsRead { get; private set; }

    /// <summary>Runs the import and commits it.</summary>
    /// <param name="cancellationToken">Cancels the import; everything it wrote is rolled back.</param>
    /// <returns>What was read, added and skipped.</returns>
    /// <exception cref="BookDataImportException">A row is bad (with <see cref="ImportErrorMode.Fail"/>) or there are too many bad rows.</exception>
    /// <exception cref="NpgsqlException">The server rejected a statement.</exception>
    /// <exception cref="OperationCanceledException">The import was cancelled.</exception>
    public async Task<ImportSummary> RunAsync(CancellationToken cancellationToken)
    {
        // The busy timeout is set inside the transaction (SET LOCAL lock_timeout), as for every write.
        var transaction = (NpgsqlTransaction)await connectionFactory.BeginTransactionAsync(
            connection, readOnly: false, cancellationToken, IsolationLevel.ReadCommitted).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // An empty catalog is loaded without its indexes, which needs the tables to itself from the start; whether
            // it is still empty is asked again once the lock is held.
            var lockCatalog = await ScalarAsync(PostgreSqlImportSql.CanRebuildIndexes, transaction, cancellationToken).ConfigureAwait(false)
                ? PostgreSqlImportSql.LockCatalogExclusive
                : PostgreSqlImportSql.LockCatalog;
            await ExecuteAsync(PostgreSqlImportSql.SetWorkMemory + lockCatalog, transaction, cancellationToken).ConfigureAwait(false);
            var rebuildIndexes = lockCatalog == PostgreSqlImportSql.LockCatalogExclusive
                && await ScalarAsync(PostgreSqlImportSql.CanRebuildIndexes, transaction, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(PostgreSqlImportSql.CreateStaging, transaction, cancellationToken).ConfigureAwait(false);
            await CopyRowsAsync(cancellationToken).ConfigureAwait(false);

            // Ids first (the catalog's, or new ones in order of first appearance), then the rows the catalog lacks.
            await ExecuteAsync(PostgreSqlImportSql.AnalyzeStaging + PostgreSqlImportSql.StageAuthors + PostgreSqlImportSql.StagePublishers + PostgreSqlImportSql.StageBooks + PostgreSqlImportSql.AnalyzeStagedIds, transaction, cancellationToken).ConfigureAwait(false);
            if (rebuildIndexes)
            {
                await ExecuteAsync(PostgreSqlImportSql.DropIndexes, transaction, cancellationToken).ConfigureAwait(false);
            }

            var authorsAdded = await ExecuteAsync(PostgreSqlImportSql.InsertAuthors, transaction, cancellationToken).ConfigureAwait(false);
            var publishersAdded = await ExecuteAsync(PostgreSqlImportSql.InsertPublishers, transaction, cancellationToken).ConfigureAwait(false);
            var booksAdded = await ExecuteAsync(PostgreSqlImportSql.InsertBooks, transaction, cancellationToken).ConfigureAwait(false);
            var linksAdded = await ExecuteAsync(PostgreSqlImportSql.InsertLinks, transaction, cancellationToken).ConfigureAwait(false);
            if (rebuildIndexes)
            {
                await ExecuteAsync(PostgreSqlImportSql.RestoreIndexes, transaction, cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();

            // Once the commit is under way it completes: a cancellation now would leave its outcome unknown.
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);

            var summary = new ImportSummary(RowsRead, authorsAdded, booksAdded, publishersAdded, linksAdded, [.. rejections.Skipped]) { LinesRead = source.LinesRead };
            progress?.Report(new ImportProgress(RowsRead, totalBytes ?? lastOffset, totalBytes));
            return summary;
        }
    }

    /// <summary>Streams the good rows into the staging table and deals with the bad ones.</summary>
    private async Task CopyRowsAsync(CancellationToken cancellationToken)
    {
        var importer = await connection.BeginBinaryImportAsync(PostgreSqlImportSql.CopyRows, cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            // The input is parsed and normalized on a second thread while this one copies the rows to the server.
            using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var rows = Channel.CreateBounded<ImportBatch>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
            var reading = Task.Run(() => source.ProduceAsync(rows.Writer, ids: null, stopReading.Token), CancellationToken.None);
            try
            {
                await foreach (var batch in rows.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var row = batch[i];
                        RowsRead++;
                        if (row.RejectionReason is { } reason)
                        {
                            rejections.Reject(row, reason);
                        }
                        else
                        {
                            await WriteRowAsync(importer, row, cancellationToken).ConfigureAwait(false);
                        }

                        if (RowsRead % options.ProgressInterval == 0)
                        {
                            progress?.Report(new ImportProgress(RowsRead, row.ByteOffset, totalBytes));
                        }
                    }

                    lastOffset = batch.LastByteOffset;
                    batch.Return();
                    cancellationToken.ThrowIfCancellationRequested();
                }

                // Rethrows what ended the reading, if anything did.
                await reading.ConfigureAwait(false);
            }
            finally
            {
                await CatalogImporter.StopAsync(reading, stopReading).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter importer, ImportRow row, CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(row.LineNumber, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(row.FirstName, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(row.LastName, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(row.Title, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(row.Publisher, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ScalarAsync(string sql, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
        }
    }

    private async Task<long> ExecuteAsync(string sql, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // No command timeout: a large file's statements run as long as they need, as on SQLite; cancellation stops them.
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
