namespace BookData.Cli.Samples;

/// <summary>The reference tutorial's sample CSV (12 rows), embedded in the tool so <c>bookdata demo</c> needs no files.</summary>
internal static class SampleCatalog
{
    /// <summary>The sample's file name, used to name it in messages.</summary>
    public const string FileName = "author_book_publisher.csv";

    private const string ResourceName = "BookData.Cli.Samples." + FileName;

    /// <summary>Opens the embedded CSV.</summary>
    /// <returns>A read-only stream the caller disposes.</returns>
    public static Stream OpenCsv() =>
        typeof(SampleCatalog).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The sample '{ResourceName}' is missing from the assembly.");
}
