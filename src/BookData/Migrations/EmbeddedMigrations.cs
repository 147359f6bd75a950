using System.Reflection;
using System.Text;

namespace BookData.Migrations;

/// <summary>
/// The schema scripts embedded in an assembly from the repository's <c>migrations/&lt;provider&gt;/</c> folder: this
/// assembly carries <c>migrations/sqlite/</c>; each provider package carries its own set, with the same versions
/// and the same names.
/// </summary>
internal static class EmbeddedMigrations
{
    private static readonly Lazy<IReadOnlyList<MigrationScript>> SqliteScripts = new(() => Load(typeof(EmbeddedMigrations).Assembly, "BookData.Migrations.sqlite."));

    /// <summary>The SQLite scripts, ordered by name (and so by version number).</summary>
    public static IReadOnlyList<MigrationScript> All => SqliteScripts.Value;

    /// <summary>
    /// The scripts <paramref name="assembly"/> embeds under <paramref name="resourcePrefix"/> (for example
    /// <c>BookData.Migrations.postgresql.</c>), ordered by name (and so by version number).
    /// </summary>
    public static MigrationScript[] Load(Assembly assembly, string resourcePrefix) =>
        assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(resourcePrefix, StringComparison.Ordinal)
                && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new MigrationScript(name[resourcePrefix.Length..], Read(assembly, name)))
            .ToArray();

    private static string Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded migration '{resourceName}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
