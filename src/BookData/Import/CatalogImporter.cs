using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using BookData.Connections;
using BookData.Diagnostics;
using BookData.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BookData.Import;

/// <summary>
/// Moves a flat CSV file of authors, books and publishers into the catalog: one row per
/// book–publisher pair, with the columns <c>first_name,last_name,title,publisher</c>.
/// </summary>
/// <remarks>
/// <para>
/// The format: a header row naming the four columns (matched without regard to case or order; other
/// columns are ignored), then one row per book–publisher pair. Quoting follows RFC 4180: a value that
/// contains a comma, a quote or a line break is enclosed in double quotes and its quotes doubled.
/// UTF-8 with or without a byte order mark; CRLF or LF line endings; blank lines are ignored. The first
/// name may be empty (single-name authors); the last name, title and publisher are required.
/// </para>
/// <para>
/// Names and titles are normalized as everywhere in BookData (<see cref="CatalogText"/>: trimmed, inner
/// white space collapsed) and compared case-insensitively for ASCII letters, as the schema's <c>NOCASE</c>
/// columns do; an author, book or publisher already in the catalog is reused, so importing the same
/// file twice changes nothing the second time. The first spelling seen is the one stored.
/// </para>
/// <para>
/// The import is one transaction that takes the write lock up front: by default the first bad row
/// rolls everything back (<see cref="ImportErrorMode.Fail"/>); cancellation rolls back too. The file is
/// streamed: memory grows only with the catalog's ids, which are loaded once at the start. A thread-pool
/// thread reads, normalizes and matches the rows while the calling flow writes them to SQLite, which does its
/// I/O synchronously; the method is asynchronous for cancellation and for reading the stream. The stream is
/// no longer touched once the method returns or throws.
/// </para>
/// <para>
/// The importer is stateless and thread-safe; concurrent imports into the same catalog run one after the
/// other, each waiting (up to the busy timeout) for the write lock.
/// </para>
/// <para>
/// On PostgreSQL the rows are parsed, normalized and validated the same way. Into an empty catalog they are
/// matched in the client and each table gets one binary <c>COPY</c> of its final rows, its indexes built after
/// the load; otherwise they are streamed with a binary <c>COPY</c> into a temporary staging table and moved
/// into the catalog by one set-based statement per table. Either way it is one read-committed transaction,
/// and ids follow the order in which the file first names each
/// author, book and publisher, as on SQLite; names compare through <c>citext</c>, which ignores the case
/// of every letter, not only ASCII ones. Other writers keep working during the import; one that adds a row
/// the import also adds is not an error, and one that adds a name the import has added but not yet
/// committed waits for it (up to the busy timeout). <see cref="ImportOptions.CacheSizeMiB"/> does not apply.
/// </para>
/// </remarks>
public sealed class CatalogImporter
{
    private const string StreamSourceName = "CSV input";
    private const string OperationName = "catalog.import";

    private readonly BookDataConnectionFactory connectionFactory;
    private readonly ILogger logger;

    /// <summary>Creates an importer for the catalog the factory connects to.</summary>
    /// <param name="connectionFactory">Opens connections to the catalog database, which must be migrated.</param>
    /// <param name="logger">Receives a summary per import and one warning per skipped row; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionFactory"/> is <see langword="null"/>.</exception>
    public CatalogImporter(BookDataConnectionFactory connectionFactory, ILogger<CatalogImporter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connectionFactory);
        this.connectionFactory = connectionFactory;
        this.logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Imports the CSV file at <paramref name="path"/>; errors name the file as given.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">How to read it; <see cref="ImportOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives the rows and bytes read every <see cref="ImportOptions.ProgressInterval"/> rows and at the end; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the import; everything it wrote is rolled back.</param>
    /// <returns>What was read, added and skipped.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is <see langword="null"/>, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number in <paramref name="options"/> is out of range.</exception>
    /// <exception cref="BookDataImportException">The file does not exist or cannot be read, or a row is bad (with <see cref="ImportErrorMode.Fail"/>); nothing was written.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be opened or stayed locked past the busy timeout; nothing was written.</exception>
    /// <exception cref="OperationCanceledException">The import was cancelled; nothing was written.</exception>
    public async Task<ImportSummary> ImportAsync(
        string path,
        ImportOptions? options = null,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= ImportOptions.Default;
        options.Validate();
        var sourceName = options.SourceName ?? path;

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BookDataImportException(sourceName, null, null, "the file does not exist", ex);
        }
        catch (UnauthorizedAccessException ex) when (Directory.Exists(path))
        {
            // .NET reports a folder opened as a file as "access denied", even to root.
            throw new BookDataImportException(sourceName, null, null, "it is a folder, not a file", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new BookDataImportException(sourceName, null, null, $"the file cannot be opened: {ex.Message.TrimEnd('.')}", ex);
        }

        await using (stream.ConfigureAwait(false))
        {
            return await ImportCoreAsync(stream, sourceName, options, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Imports CSV text from <paramref name="csv"/>, read from its current position; the stream is left open.</summary>
    /// <param name="csv">The CSV input.</param>
    /// <param name="options">How to read it; <see cref="ImportOptions.Default"/> when <see langword="null"/>. Set <see cref="ImportOptions.SourceName"/> to name the input in errors.</param>
    /// <param name="progress">Receives the rows and bytes read every <see cref="ImportOptions.ProgressInterval"/> rows and at the end; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the import; everything it wrote is rolled back.</param>
    /// <returns>What was read, added and skipped.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="csv"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number in <paramref name="options"/> is out of range.</exception>
    /// <exception cref="BookDataImportException">The input cannot be read, or a row is bad (with <see cref="ImportErrorMode.Fail"/>); nothing was written.</exception>
    /// <exception cref="BookDataDatabaseException">The database cannot be opened or stayed locked past the busy timeout; nothing was written.</exception>
    /// <exception cref="OperationCanceledException">The import was cancelled; nothing was written.</exception>
    public Task<ImportSummary> ImportAsync(
        Stream csv,
        ImportOptions? options = null,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        options ??= ImportOptions.Default;
        options.Validate();
        var sourceName = options.SourceName
            ?? (csv is FileStream file ? Path.GetFileName(file.Name) : StreamSourceName);
        return ImportCoreAsync(csv, sourceName, options, progress, cancellationToken);
    }

    private static long? LengthOf(Stream stream)
    {
        try
        {
            return stream.CanSeek ? stream.Length - stream.Position : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the catalog holds no author, book or publisher, decided once before the import's transaction (the
    /// SQLite import then checks foreign keys once at the end instead of row by row).
    /// </summary>
    private static async Task<bool> IsCatalogEmptyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = ImportSql.IsCatalogEmpty;
        return Convert.ToBoolean(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs one import as a traced operation (<c>catalog.import</c>) and counts its rows.</summary>
    private async Task<ImportSummary> ImportCoreAsync(
        Stream csv,
        string sourceName,
        ImportOptions options,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        using var traced = BookDataTelemetry.StartOperation(OperationName);
        try
        {
            var summary = await ImportUntracedAsync(csv, sourceName, options, progress, cancellationToken).ConfigureAwait(false);
            traced.SetRows(summary.RowsRead);
            BookDataTelemetry.RecordImportRows(summary.RowsImported, summary.SkippedRows.Count);
            return summary;
        }
        catch (Exception ex)
        {
            traced.SetError(ex);
            throw;
        }
    }

    private async Task<ImportSummary> ImportUntracedAsync(
        Stream csv,
        string sourceName,
        ImportOptions options,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stopwatch = Stopwatch.StartNew();
        var totalBytes = LengthOf(csv);
        long rowsRead = 0;

        try
        {
            using var source = new CsvRowSource(csv, sourceName);

            // The header is checked before the database is touched.
            await source.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);

            var connection = await connectionFactory.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var provider = connectionFactory.CatalogProvider;
                ImportRequest? request = null;
                try
                {
                    // Decided once, here, for whichever import runs.
                    var catalogWasEmpty = await IsCatalogEmptyAsync(connection, cancellationToken).ConfigureAwait(false);
                    request = new ImportRequest(connection, source, sourceName, options, progress, totalBytes, catalogWasEmpty, connectionFactory, logger);
                    var summary = await provider.ImportAsync(request, cancellationToken).ConfigureAwait(false);
                    Log(sourceName, summary, stopwatch.ElapsedMilliseconds);
                    return summary;
                }
                catch (DbException ex)
                {
                    throw provider.Translate(connectionFactory.DataSource, ex, connectionFactory.Options.BusyTimeout);
                }
                finally
                {
                    rowsRead = request?.RowsRead ?? 0;
                }
            }
        }
        catch (IOException ex)
        {
            throw Fail(new BookDataImportException(sourceName, null, null, $"the input cannot be read: {CsvRowSource.AsReason(ex.Message)}", ex));
        }
        catch (BookDataImportException ex)
        {
            ImportLog.Failed(logger, sourceName, ex.Message);
            throw;
        }
        catch (OperationCanceledException)
        {
            ImportLog.Cancelled(logger, sourceName, rowsRead);
            throw;
        }
    }

    /// <summary>
    /// Stops the reading thread and waits for it, so the caller's stream is no longer touched once the
    /// import returns. Its own error, if any, has already been seen or matters less than the one in flight.
    /// </summary>
    internal static async Task StopAsync(Task reading, CancellationTokenSource stopReading)
    {
        await stopReading.CancelAsync().ConfigureAwait(false);
        try
        {
            await reading.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Any error of the reading thread was either rethrown already or is secondary to the one in flight.
        }
    }

    private BookDataImportException Fail(BookDataImportException ex)
    {
        ImportLog.Failed(logger, ex.SourceName, ex.Message);
        return ex;
    }

    private void Log(string sourceName, ImportSummary summary, long elapsedMilliseconds)
    {
        foreach (var row in summary.SkippedRows)
        {
            ImportLog.SkippedRow(logger, sourceName, row.LineNumber, row.Reason);
        }

        ImportLog.Imported(
            logger,
            sourceName,
            summary.RowsRead,
            summary.AuthorsAdded,
            summary.BooksAdded,
            summary.PublishersAdded,
            summary.LinksAdded,
            summary.SkippedRows.Count,
            elapsedMilliseconds);
    }
}
