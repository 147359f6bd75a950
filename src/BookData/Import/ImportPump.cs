using System.Threading.Channels;
using BookData.Import.Sqlite;

namespace BookData.Import;

/// <summary>
/// The read side of an import, shared by the providers: a thread-pool thread parses, normalizes and (given
/// <see cref="CatalogIds"/>) matches the rows (<see cref="CsvRowSource.ProduceAsync"/>) while the calling flow
/// deals with the bad ones (<see cref="ImportRejections"/>), reports progress and hands every run of good rows,
/// in file order, to the provider's writer.
/// </summary>
internal sealed class ImportPump(ImportRequest request)
{
    private readonly ImportRejections rejections = new(request.SourceName, request.Options);

    /// <summary>Data rows read so far, skipped ones included (also kept in <see cref="ImportRequest.RowsRead"/>).</summary>
    public long RowsRead { get; private set; }

    /// <summary>The rows skipped so far (<see cref="ImportErrorMode.Skip"/>).</summary>
    public IReadOnlyList<SkippedRow> Skipped => rejections.Skipped;

    /// <summary>Reads every row of the input and hands the good ones to <paramref name="write"/>.</summary>
    /// <param name="ids">Matches the rows to ids on the reading thread; <see langword="null"/> leaves them unmatched.</param>
    /// <param name="write">
    /// Writes the good rows <c>[start, end)</c> of a batch; called in file order, never concurrently, and never
    /// with a rejected row. The batch is valid only until the returned task completes.
    /// </param>
    /// <param name="cancellationToken">Stops the reading and the writing.</param>
    /// <exception cref="BookDataImportException">A row is bad (with <see cref="ImportErrorMode.Fail"/>) or there are too many bad rows.</exception>
    /// <exception cref="OperationCanceledException">The import was cancelled.</exception>
    public async Task RunAsync(CatalogIds? ids, Func<ImportBatch, int, int, CancellationToken, ValueTask> write, CancellationToken cancellationToken)
    {
        long lastOffset = 0;
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var rows = Channel.CreateBounded<ImportBatch>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(() => request.Source.ProduceAsync(rows.Writer, ids, stopReading.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in rows.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var start = 0;
                for (var i = 0; i < batch.Count; i++)
                {
                    var reason = batch.Rows[i].RejectionReason;
                    RowsRead++;
                    request.RowsRead = RowsRead;
                    if (reason is not null)
                    {
                        // The good rows before it go first, so errors surface in file order.
                        if (i > start)
                        {
                            await write(batch, start, i, cancellationToken).ConfigureAwait(false);
                        }

                        start = i + 1;
                        rejections.Reject(batch.Rows[i], reason);
                    }

                    if (RowsRead % request.Options.ProgressInterval == 0)
                    {
                        request.Progress?.Report(new ImportProgress(RowsRead, batch.Rows[i].ByteOffset, request.TotalBytes));
                    }
                }

                if (batch.Count > start)
                {
                    await write(batch, start, batch.Count, cancellationToken).ConfigureAwait(false);
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

        LastByteOffset = lastOffset;
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Where the last row read starts in the input, in bytes; the end of the input once <see cref="RunAsync"/> has returned.</summary>
    public long LastByteOffset { get; private set; }

    /// <summary>The summary of a committed import.</summary>
    public ImportSummary Summary(long authorsAdded, long booksAdded, long publishersAdded, long linksAdded)
    {
        request.Progress?.Report(new ImportProgress(RowsRead, request.TotalBytes ?? LastByteOffset, request.TotalBytes));
        return new ImportSummary(RowsRead, authorsAdded, booksAdded, publishersAdded, linksAdded, [.. rejections.Skipped]) { LinesRead = request.Source.LinesRead };
    }
}
