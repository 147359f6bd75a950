using System.Data.Common;
using BookData.Connections;
using Microsoft.Extensions.Logging;

namespace BookData.Import;

/// <summary>
/// One import as <see cref="CatalogImporter"/> hands it to the provider's import
/// (<see cref="Providers.CatalogProvider.ImportAsync"/>): the open connection, the input with its header read,
/// and what the importer decided once.
/// </summary>
/// <param name="Connection">The open read-write connection; the importer disposes it.</param>
/// <param name="Source">The CSV input, its header already checked.</param>
/// <param name="SourceName">The input's name in errors and logs.</param>
/// <param name="Options">How to read it.</param>
/// <param name="Progress">Receives progress; none when <see langword="null"/>.</param>
/// <param name="TotalBytes">The input's length when known.</param>
/// <param name="CatalogWasEmpty">Whether the catalog held no author, book or publisher when the import began.</param>
/// <param name="ConnectionFactory">The factory the connection came from (data source, options).</param>
/// <param name="Logger">The importer's logger.</param>
internal sealed record ImportRequest(
    DbConnection Connection,
    CsvRowSource Source,
    string SourceName,
    ImportOptions Options,
    IProgress<ImportProgress>? Progress,
    long? TotalBytes,
    bool CatalogWasEmpty,
    BookDataConnectionFactory ConnectionFactory,
    ILogger Logger)
{
    /// <summary>Data rows read so far, skipped ones included; the importer logs it when the import is cancelled.</summary>
    public long RowsRead { get; set; }
}
