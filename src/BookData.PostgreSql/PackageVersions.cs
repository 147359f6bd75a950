namespace BookData.PostgreSql;

/// <summary>
/// BookData.PostgreSql reaches into the core's internals (its provider seam), so the two ship in lockstep: this
/// checks, once, that the loaded BookData assembly is the version this package was built with.
/// </summary>
internal static class PackageVersions
{
    private static readonly Lazy<string?> Mismatch = new(() => Describe(
        typeof(BookDataOptions).Assembly.GetName().Version,
        typeof(PackageVersions).Assembly.GetName().Version));

    /// <exception cref="InvalidOperationException">The BookData and BookData.PostgreSql assemblies differ in version.</exception>
    public static void ThrowIfMismatched()
    {
        if (Mismatch.Value is { } message)
        {
            throw new InvalidOperationException(message);
        }
    }

    /// <summary>
    /// <see langword="null"/> when the core and the provider have the same assembly version; otherwise the message
    /// that names both and says what to do.
    /// </summary>
    public static string? Describe(Version? core, Version? provider) =>
        core is not null && core == provider
            ? null
            : $"BookData.PostgreSql {provider?.ToString() ?? "(unknown version)"} needs BookData {provider?.ToString() ?? "(unknown version)"}, but BookData {core?.ToString() ?? "(unknown version)"} is loaded; "
              + "reference the same version of both packages.";
}
