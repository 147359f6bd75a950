using System.Data;
using BookData.Import;
using Npgsql;
using NpgsqlTypes;

namespace BookData.PostgreSql.Import;

/// <summary>
/// One CSV import into a PostgreSQL catalog, in one read-committed transaction. The rows are parsed, normalized and
/// validated by <see cref="CsvRowSource"/> on a second thread (<see cref="ImportPump"/>). Into an empty catalog
/// the client gives the ids and copies each table's final rows (<see cref="PostgreSqlEmptyCatalogLoad"/>);
/// otherwise the rows stream through a binary <c>COPY</c> into a temporary staging table and one set-based
/// statement per table moves what the catalog lacks into it (<see cref="PostgreSqlImportSql"/>).
/// </summary>
/// <remarks>
/// Memory does not grow with the file on the staging path, and grows with the new names (once each, in UTF-8) and
/// 8 bytes per row into an empty catalog. Bad rows are handled as on SQLite (<see cref="ImportRejections"/>).
/// Anything that ends the import early (a bad row, an error, cancellation) disposes the <c>COPY</c> and the
/// transaction, which rolls everything back; the staging table goes with the transaction.
/// </remarks>
internal sealed class PostgreSqlCatalogImport(ImportRequest request)
{
    /// <summary>The printable ASCII characters and the control characters but NUL, which <c>lower()</c> must fold as the client does.</summary>
    private static readonly string Ascii = new([.. Enumerable.Range(1, 127).Select(c => (char)c)]);

    private readonly NpgsqlConnection connection = (NpgsqlConnection)request.Connection;
    private readonly ImportPump pump = new(request);

    /// <summary>Runs the import and commits it.</summary>
    /// <param name="cancellationToken">Cancels the import; everything it wrote is rolled back.</param>
    /// <returns>What was read, added and skipped.</returns>
    /// <exception cref="BookDataImportException">A row is bad (with <see cref="ImportErrorMode.Fail"/>) or there are too many bad rows.</exception>
    /// <exception cref="NpgsqlException">The server rejected a statement.</exception>
    /// <exception cref="OperationCanceledException">The import was cancelled.</exception>
    public async Task<ImportSummary> RunAsync(CancellationToken cancellationToken)
    {
        // The busy timeout is set inside the transaction (SET LOCAL lock_timeout), as for every write.
        var transaction = (NpgsqlTransaction)await request.ConnectionFactory.BeginTransactionAsync(
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

            Added added;
            if (rebuildIndexes && await FoldsAsciiLikeTheClientAsync(transaction, cancellationToken).ConfigureAwait(false))
            {
                var load = await PostgreSqlEmptyCatalogLoad.StartAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                await pump.RunAsync(load.Ids, (batch, first, end, _) => load.AddAsync(batch, first, end), cancellationToken).ConfigureAwait(false);
                if (await load.MatchesTheServerAsync(cancellationToken).ConfigureAwait(false))
                {
                    await ExecuteAsync(PostgreSqlImportSql.DropIndexes + PostgreSqlImportSql.TruncateCatalog, transaction, cancellationToken).ConfigureAwait(false);
                    var linksAdded = await load.CopyAsync(cancellationToken).ConfigureAwait(false);
                    await ExecuteAsync(PostgreSqlImportSql.RestoreIndexes, transaction, cancellationToken).ConfigureAwait(false);
                    added = new Added(load.AuthorCount, load.BookCount, load.PublisherCount, linksAdded);
                }
                else
                {
                    // Names with non-ASCII letters that the server's folding calls equal: it matches them itself.
                    added = await StageAndMergeAsync(rebuildIndexes, load.StageAsync, transaction, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                added = await StageAndMergeAsync(rebuildIndexes, StageInputAsync, transaction, cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();

            // Once the commit is under way it completes: a cancellation now would leave its outcome unknown.
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return pump.Summary(added.Authors, added.Books, added.Publishers, added.Links);
        }
    }

    /// <summary>
    /// Copies rows into the staging table with <paramref name="stage"/>, then moves what the catalog lacks into it:
    /// ids first (the catalog's, or new ones in order of first appearance), then the rows.
    /// </summary>
    private async Task<Added> StageAndMergeAsync(
        bool rebuildIndexes, Func<NpgsqlBinaryImporter, CancellationToken, Task> stage, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await ExecuteAsync(PostgreSqlImportSql.CreateStaging, transaction, cancellationToken).ConfigureAwait(false);
        var importer = await connection.BeginBinaryImportAsync(PostgreSqlImportSql.CopyRows, cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            await stage(importer, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

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

        return new Added(authorsAdded, booksAdded, publishersAdded, linksAdded);
    }

    /// <summary>Streams the good rows of the input into the staging table; the reading thread deals with the bad ones.</summary>
    private Task StageInputAsync(NpgsqlBinaryImporter importer, CancellationToken cancellationToken) =>
        pump.RunAsync(null, async (batch, first, end, token) =>
        {
            for (var i = first; i < end; i++)
            {
                var row = batch[i];
                await importer.StartRowAsync(token).ConfigureAwait(false);
                await importer.WriteAsync(row.LineNumber, NpgsqlDbType.Bigint, token).ConfigureAwait(false);
                await importer.WriteAsync(row.FirstName, NpgsqlDbType.Text, token).ConfigureAwait(false);
                await importer.WriteAsync(row.LastName, NpgsqlDbType.Text, token).ConfigureAwait(false);
                await importer.WriteAsync(row.Title, NpgsqlDbType.Text, token).ConfigureAwait(false);
                await importer.WriteAsync(row.Publisher, NpgsqlDbType.Text, token).ConfigureAwait(false);
            }
        }, cancellationToken);

    private async Task<bool> FoldsAsciiLikeTheClientAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(PostgreSqlImportSql.FoldsAsciiLikeTheClient, connection, transaction) { CommandTimeout = 0 };
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddWithValue("Ascii", Ascii);
            command.Parameters.AddWithValue("Folded", Ascii.ToLowerInvariant());
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
        }
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

    /// <summary>What an import added to each table.</summary>
    private readonly record struct Added(long Authors, long Books, long Publishers, long Links);
}
