using System.Diagnostics;
using BookData.Connections;
using BookData.Diagnostics;
using BookData.Files;
using BookData.Import;
using CsvHelper;
using Dapper;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BookData.Export;

/// <summary>
/// Writes the catalog to a CSV file in the format <see cref="CatalogImporter"/> reads: the header
/// <c>first_name,last_name,title,publisher</c>, then one row per book–publisher pair.
/// </summary>
/// <remarks>
/// <para>
/// The output is deterministic: rows are ordered by last name, first name, title and publisher (compared
/// as the catalog compares them, ignoring the case of ASCII letters), then by ids; values are quoted only
/// when they contain a comma, a quote or a line break (RFC 4180); the text is UTF-8 without a byte order
/// mark, with LF line endings. Importing an export into an empty catalog and exporting again gives the
/// same bytes.
/// </para>
/// <para>
/// The format has a row only for a book–publisher pair, so a book without a publisher and an author
/// without books cannot be written; they are left out and counted in <see cref="ExportSummary"/>
/// rather than written as rows that would not import. Imports never create them; other writes can.
/// </para>
/// <para>
/// The export reads one consistent snapshot of the catalog; writers on other connections carry on
/// meanwhile. SQLite does its I/O synchronously; the methods are asynchronous for cancellation and for
/// writing the stream.
/// </para>
/// </remarks>
public sealed class CatalogExporter
{
    /// <summary>The page cache of the export's connection while it runs: the walk over the indexes revisits pages.</summary>
    private const int PageCacheMiB = 64;

    private const string OperationName = "catalog.export";

    /// <summary>The end of the temporary file's name: <c>.&lt;file&gt;.&lt;pid&gt;-&lt;host&gt;-&lt;id&gt;.tmp</c> (<see cref="UnfinishedFile"/>).</summary>
    private const string TemporarySuffix = ".tmp";

    private readonly BookDataConnectionFactory connectionFactory;
    private readonly ILogger logger;

    /// <summary>Creates an exporter for the catalog the factory connects to.</summary>
    /// <param name="connectionFactory">Opens connections to the catalog database.</param>
    /// <param name="logger">Receives one entry per export; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionFactory"/> is <see langword="null"/>.</exception>
    public CatalogExporter(BookDataConnectionFactory connectionFactory, ILogger<CatalogExporter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connectionFactory);
        this.connectionFactory = connectionFactory;
        this.logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>
    /// Writes the catalog to the file at <paramref name="path"/>, replacing it if it exists. The file is
    /// written beside it under a temporary name and moved into place at the end, so a failed or cancelled
    /// export leaves the old file (or none) rather than half a file; the temporary files of an export to the
    /// same file that was killed (a process of this host that no longer runs) are removed first. The path is checked by
    /// <see cref="OutputFile.Resolve"/> first: never the catalog's own database or the files beside it, only a
    /// regular file, and a symbolic link is followed (the file it points to is replaced, the link stays).
    /// </summary>
    /// <param name="path">The CSV file to write.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The rows written and what the format could not hold.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or white space.</exception>
    /// <exception cref="BookDataValidationException">
    /// <paramref name="path"/> names the catalog's database or a file beside it (by any spelling or link), a
    /// folder, a FIFO, a device or a socket; nothing is written.
    /// </exception>
    /// <exception cref="BookDataException">
    /// The file cannot be written (a missing folder, no permission, a full disk); the message names
    /// <paramref name="path"/>, never the temporary file.
    /// </exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    /// <exception cref="OperationCanceledException">The export was cancelled; <paramref name="path"/> is untouched.</exception>
    public async Task<ExportSummary> ExportAsync(string path, CancellationToken cancellationToken = default)
    {
        var fullPath = OutputFile.Resolve(path, connectionFactory);
        var folder = Path.GetDirectoryName(fullPath) ?? ".";
        var prefix = $".{Path.GetFileName(fullPath)}";
        UnfinishedFile.RemoveLeftOver(folder, prefix, [TemporarySuffix], path, logger);
        var temporaryPath = UnfinishedFile.NewPath(folder, prefix, TemporarySuffix);

        var moved = false;
        try
        {
            ExportSummary summary;
            var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                summary = await ExportCoreAsync(stream, path, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporaryPath, fullPath, overwrite: true);
            moved = true;
            return summary;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BookDataException(
                $"Cannot write the CSV file '{path}': {OutputFile.DescribeFailure(ex, temporaryPath, fullPath)}", ex);
        }
        finally
        {
            if (!moved)
            {
                TryDelete(temporaryPath);
            }
        }
    }

    /// <summary>Writes the catalog as CSV to <paramref name="destination"/>, from its current position; the stream is left open.</summary>
    /// <param name="destination">The stream to write to.</param>
    /// <param name="cancellationToken">Cancels the export; what was written so far stays in the stream.</param>
    /// <returns>The rows written and what the format could not hold.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is <see langword="null"/>.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be read.</exception>
    /// <exception cref="OperationCanceledException">The export was cancelled.</exception>
    public Task<ExportSummary> ExportAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return ExportCoreAsync(destination, "CSV output", cancellationToken);
    }

    private static CsvWriterOptions WriterOptions() => CsvWriterOptions.Default with
    {
        Mode = CsvMode.Rfc4180,
        Separator = ',',
        Quoting = CsvQuoting.WhenNeeded,
        NewLine = "\n",
        WriteByteOrderMark = false,
        Injection = CsvInjection.None,
        CommentPrefix = null,
        ValidateFieldCount = true,
    };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The temporary file is only litter; the export's own error is the one to report.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    /// <summary>Runs one export as a traced operation (<c>catalog.export</c>).</summary>
    private async Task<ExportSummary> ExportCoreAsync(Stream destination, string destinationName, CancellationToken cancellationToken)
    {
        using var traced = BookDataTelemetry.StartOperation(OperationName);
        try
        {
            var summary = await ExportUntracedAsync(destination, destinationName, cancellationToken).ConfigureAwait(false);
            traced.SetRows(summary.RowsWritten);
            return summary;
        }
        catch (Exception ex)
        {
            traced.SetError(ex);
            throw;
        }
    }

    private async Task<ExportSummary> ExportUntracedAsync(Stream destination, string destinationName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stopwatch = Stopwatch.StartNew();
        var connection = await connectionFactory.OpenForReadingAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                using var pageCache = new PageCacheScope(connection, PageCacheMiB);

                // A read transaction: the counts and the rows come from the same snapshot.
                using var transaction = connection.BeginReadSnapshot();
                var (booksWithoutPublisher, authorsWithoutBooks) = await connection.QuerySingleAsync<(long, long)>(
                    new CommandDefinition(ExportSql.CountLeftOut, transaction: transaction, cancellationToken: cancellationToken))
                    .ConfigureAwait(false);

                long rows = 0;
                var writer = CsvWriter.Create(destination, WriterOptions(), leaveOpen: true);
                await using (writer.ConfigureAwait(false))
                {
                    writer.WriteHeader(CatalogCsvFormat.Columns.Select(column => column.Name).ToArray());

                    using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = connectionFactory.CatalogProvider.Statements.ExportRows;
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        var (firstName, lastName, title, publisher) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));

                        // A book whose values are the column names is quoted, so the import does not take it for the header.
                        var quoting = CatalogCsvFormat.NamesTheColumns(firstName, lastName, title, publisher) ? CsvQuoting.Always : CsvQuoting.WhenNeeded;
                        writer.WriteField(firstName, quoting);
                        writer.WriteField(lastName, quoting);
                        writer.WriteField(title, quoting);
                        writer.WriteField(publisher, quoting);
                        await writer.EndRecordAsync(cancellationToken).ConfigureAwait(false);
                        rows++;
                    }

                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                transaction.Commit();
                var summary = new ExportSummary(rows, booksWithoutPublisher, authorsWithoutBooks);
                ExportLog.Exported(
                    logger, destinationName, rows, stopwatch.ElapsedMilliseconds, booksWithoutPublisher, authorsWithoutBooks);
                return summary;
            }
            catch (DbException ex)
            {
                throw connectionFactory.TranslateReadError(ex);
            }
        }
    }
}
