using System.Reflection;
using System.Text;

namespace BookData.Migrations;

/// <summary>The schema scripts embedded in this assembly from the repository's <c>migrations/</c> folder.</summary>
internal static class EmbeddedMigrations
{
    private const string ResourcePrefix = "BookData.Migrations.";

    private static readonly Lazy<IReadOnlyList<MigrationScript>> Scripts = new(Load);

    /// <summary>All embedded scripts, ordered by name (and so by version number).</summary>
    public static IReadOnlyList<MigrationScript> All => Scripts.Value;

    private static MigrationScript[] Load()
    {
        var assembly = typeof(EmbeddedMigrations).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)
                && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new MigrationScript(name[ResourcePrefix.Length..], Read(assembly, name)))
            .ToArray();
    }

    private static string Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded migration '{resourceName}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
