using BookData.Connections;
using Microsoft.Data.Sqlite;

namespace BookData.Import.Sqlite;

/// <summary>
/// One CSV import into a SQLite catalog, in one transaction that takes the write lock up front: a thread-pool
/// thread parses, normalizes and matches the rows to ids (<see cref="CsvRowSource"/>, <see cref="CatalogIds"/>)
/// while this one writes them through prepared native statements (<see cref="CatalogImportWriter"/>,
/// <see cref="NativeStatement"/>). Into an empty catalog, foreign keys are proven once at the end and the
/// indexes, the books' (author, title) key among them, are built after the load (<see cref="DeferrableIndex"/>),
/// the title search index on a third thread beside them (<see cref="DetachedTitleSearch"/>).
/// </summary>
/// <remarks>
/// This folder is the import's fast path: every piece of it exists for a measured gain, recorded in
/// <c>docs/benchmarks.md</c> (reproduce with <c>benchmarks/import/run.sh</c>). Change it only with a new
/// measurement, and keep its tests of everything it decides, above all of row identity.
/// The methods that run once per row or per field (here and in <see cref="CsvRowSource"/> and
/// <see cref="CsvRecordReader"/>) are marked <see cref="System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization"/>:
/// a load of a few seconds otherwise spends much of its time in .NET's unoptimized and instrumented tiers before
/// the optimized code arrives (at 1M rows the load 0.4–0.8 s shorter, the whole import about 10%).
/// </remarks>
internal sealed class SqliteCatalogImport(ImportRequest request)
{
    /// <summary>Runs the import and commits it.</summary>
    /// <param name="cancellationToken">Cancels the import; everything it wrote is rolled back.</param>
    /// <returns>What was read, added and skipped.</returns>
    /// <exception cref="BookDataImportException">A row is bad (with <see cref="ImportErrorMode.Fail"/>) or there are too many bad rows.</exception>
    /// <exception cref="SqliteException">SQLite rejected a statement.</exception>
    /// <exception cref="OperationCanceledException">The import was cancelled.</exception>
    public async Task<ImportSummary> RunAsync(CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)request.Connection;
        var pump = new ImportPump(request);

        // Into an empty catalog, foreign keys are checked once at the end instead of row by row.
        // SQLite only lets them be switched outside a transaction, so emptiness (decided by the importer before
        // the transaction) is a hint here; the writer looks again under the write lock and the final check covers every case.
        var foreignKeysEnforced = !request.CatalogWasEmpty;
        using var pageCache = new PageCacheScope(connection, request.Options.CacheSizeMiB);
        using var statementJournal = new InMemoryStatementJournal(connection);
        SetForeignKeys(connection, foreignKeysEnforced);
        try
        {
            // BEGIN IMMEDIATE: the write lock is taken before the catalog's ids are read.
            var transaction = connection.BeginTransaction();
            try
            {
                using var writer = CatalogImportWriter.Create(connection, transaction, foreignKeysEnforced);

                // The input is parsed, normalized and matched to ids on a second thread while this one writes to SQLite.
                await pump.RunAsync(writer.Ids, (batch, first, end, _) =>
                {
                    foreach (ref readonly var row in batch.Rows[first..end])
                    {
                        writer.Write(row);
                    }

                    return ValueTask.CompletedTask;
                }, cancellationToken).ConfigureAwait(false);

                cancellationToken.ThrowIfCancellationRequested();

                // The index builds' sorts spill to temporary files again, as the connection's own setting says.
                statementJournal.Restore();
                writer.Complete(cancellationToken);
                transaction.Commit();

                // Gives back the disk the import's write-ahead log took (best effort: never fails the import).
                WalCheckpoint.Truncate(connection, request.ConnectionFactory.Options.BusyTimeout, request.ConnectionFactory.DataSource, $"the import of {request.SourceName}", request.Logger);

                return pump.Summary(writer.AuthorsAdded, writer.BooksAdded, writer.PublishersAdded, writer.LinksAdded);
            }
            finally
            {
                // Rolls back unless committed. After a full disk SQLite has rolled back already; a
                // failure here must not hide the error that ended the import.
                Cleanup.Quietly(transaction.Dispose, "rolling back the import", request.ConnectionFactory.DataSource, request.Logger);
            }
        }
        finally
        {
            // The pooled connection goes back as the factory opened it (which also turns foreign keys on
            // at every open); never at the cost of the import's own outcome.
            Cleanup.Quietly(() => SetForeignKeys(connection, enforced: true), "turning foreign keys back on", request.ConnectionFactory.DataSource, request.Logger);
        }
    }

    private static void SetForeignKeys(SqliteConnection connection, bool enforced)
    {
        using var command = connection.CreateCommand();
        command.CommandText = enforced ? ImportSql.ForeignKeysOn : ImportSql.ForeignKeysOff;
        command.ExecuteNonQuery();
    }
}
