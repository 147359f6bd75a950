using System.Reflection;
using System.Text;

namespace BookData.Migrations;

/// <summary>
/// The schema scripts embedded in this assembly from the repository's <c>migrations/sqlite/</c> and
/// <c>migrations/postgresql/</c> folders: the same versions with the same names, one set per provider.
/// </summary>
internal static class EmbeddedMigrations
{
    private static readonly Lazy<IReadOnlyList<MigrationScript>> SqliteScripts = new(() => Load("BookData.Migrations.sqlite."));
    private static readonly Lazy<IReadOnlyList<MigrationScript>> PostgreSqlScripts = new(() => Load("BookData.Migrations.postgresql."));

    /// <summary>The SQLite scripts, ordered by name (and so by version number).</summary>
    public static IReadOnlyList<MigrationScript> All => SqliteScripts.Value;

    /// <summary>The scripts for one provider, ordered by name (and so by version number).</summary>
    public static IReadOnlyList<MigrationScript> For(BookDataProvider provider) =>
        provider == BookDataProvider.PostgreSql ? PostgreSqlScripts.Value : SqliteScripts.Value;

    private static MigrationScript[] Load(string resourcePrefix)
    {
        var assembly = typeof(EmbeddedMigrations).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(resourcePrefix, StringComparison.Ordinal)
                && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new MigrationScript(name[resourcePrefix.Length..], Read(assembly, name)))
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
