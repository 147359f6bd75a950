using System.Reflection;

namespace BookData.PostgreSql;

/// <summary>
/// BookData.PostgreSql reaches into the core's internals (its provider seam), so the two ship in lockstep: this
/// checks, once, that the loaded BookData assembly is the build this package was made with. It compares the
/// package versions the assemblies carry (their informational versions, for example
/// <c>1.0.0-alpha.0.79.g0af4b195eb</c>), not the assembly versions, which stay <c>MAJOR.0.0.0</c> across builds.
/// </summary>
internal static class PackageVersions
{
    private static readonly Lazy<string?> Mismatch = new(() => Describe(
        PackageVersionOf(typeof(BookDataOptions).Assembly),
        PackageVersionOf(typeof(PackageVersions).Assembly)));

    /// <exception cref="InvalidOperationException">The BookData and BookData.PostgreSql assemblies come from different versions.</exception>
    public static void ThrowIfMismatched()
    {
        if (Mismatch.Value is { } message)
        {
            throw new InvalidOperationException(message);
        }
    }

    /// <summary>
    /// <see langword="null"/> when the core and the provider carry the same package version; otherwise the message
    /// that names both and says what to do.
    /// </summary>
    public static string? Describe(string? core, string? provider) =>
        core is not null && string.Equals(core, provider, StringComparison.Ordinal)
            ? null
            : $"BookData.PostgreSql {provider ?? "(unknown version)"} needs BookData {provider ?? "(unknown version)"}, but BookData {core ?? "(unknown version)"} is loaded; "
              + "reference the same version of both packages (dotnet add package BookData --version " + (provider ?? "VERSION") + ").";

    /// <summary>
    /// The package version an assembly was built as: its informational version without build metadata (the part
    /// after <c>+</c>, which the SDK adds for the source commit), else its assembly version.
    /// </summary>
    public static string? PackageVersionOf(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrWhiteSpace(informational))
        {
            return assembly.GetName().Version?.ToString();
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
