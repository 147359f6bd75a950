using BookData.Migrations;

namespace BookData.Tests.Migrations;

/// <summary>Small migration scripts whose effects are easy to check; none of them can be applied twice unnoticed.</summary>
internal static class TestScripts
{
    public static readonly MigrationScript CreateThing = new(
        "0001_create_thing.sql",
        "CREATE TABLE thing (thing_id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;\n");

    /// <summary>Inserts one row: applied twice, <c>thing</c> would hold two.</summary>
    public static readonly MigrationScript SeedThing = new(
        "0002_seed_thing.sql",
        "INSERT INTO thing (name) VALUES ('first');\n");

    public static readonly MigrationScript CreateOther = new(
        "0003_create_other.sql",
        "CREATE TABLE other (other_id INTEGER PRIMARY KEY) STRICT;\n");

    public static IReadOnlyList<MigrationScript> All => [CreateThing, SeedThing, CreateOther];

    public static IReadOnlyList<string> Names(params MigrationScript[] scripts) => scripts.Select(script => script.Name).ToArray();
}
