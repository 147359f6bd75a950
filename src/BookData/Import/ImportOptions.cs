namespace BookData.Import;

/// <summary>How <see cref="CatalogImporter"/> reads a CSV file. Every property has a sensible default.</summary>
public sealed class ImportOptions
{
    /// <summary>The defaults: fail on the first bad row, progress every 10,000 rows, a 32 MiB page cache.</summary>
    public static ImportOptions Default { get; } = new();

    /// <summary>
    /// What to do with a row that cannot be imported (a missing or over-long value, bad quoting, a wrong
    /// number of fields). Default: <see cref="ImportErrorMode.Fail"/>, all or nothing.
    /// </summary>
    public ImportErrorMode OnError { get; init; } = ImportErrorMode.Fail;

    /// <summary>
    /// The name of the input in error messages and skipped-row reports. Default: <see langword="null"/>,
    /// which means the path as given for a file, the file name for a <see cref="FileStream"/>, and
    /// <c>CSV input</c> for any other stream.
    /// </summary>
    public string? SourceName { get; init; }

    /// <summary>Report progress every this many rows (and once at the end). Default: 10,000. Must be positive.</summary>
    public int ProgressInterval { get; init; } = 10_000;

    /// <summary>
    /// The SQLite page cache of the import's connection, in MiB, for the length of the import; the
    /// connection's own setting is restored afterwards. The import's inserts touch few pages at a time (the
    /// indexes whose keys arrive in random order are built after the load into an empty catalog), so a
    /// larger cache mostly adds memory: at a million rows, 32 MiB imported as fast as 64 MiB, with about
    /// 90 MB less at the peak. Raise it for merges into a large catalog whose pages no longer fit.
    /// Default: 32. Must be between 1 and 4096. SQLite only: a PostgreSQL import ignores it (the server's
    /// own settings govern its memory).
    /// </summary>
    public int CacheSizeMiB { get; init; } = 32;

    /// <summary>
    /// With <see cref="ImportErrorMode.Skip"/>, the most bad rows an import tolerates; one more ends it
    /// with a <see cref="BookDataImportException"/> and nothing is written, since so many usually means
    /// the wrong file. Default: 10,000. Must be positive.
    /// </summary>
    public int MaxSkippedRows { get; init; } = 10_000;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range, or <see cref="OnError"/> is not defined.</exception>
    internal void Validate()
    {
        if (!Enum.IsDefined(OnError))
        {
            throw new ArgumentOutOfRangeException(nameof(OnError), OnError, "OnError must be Fail or Skip.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ProgressInterval);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSkippedRows);
        ArgumentOutOfRangeException.ThrowIfLessThan(CacheSizeMiB, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CacheSizeMiB, 4096);
    }
}
