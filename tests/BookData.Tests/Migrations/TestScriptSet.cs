using BookData.Migrations;

namespace BookData.Tests.Migrations;

/// <summary>The test scripts in one provider's dialect (see <see cref="TestScripts"/>).</summary>
/// <param name="CreateThing">Creates table <c>thing</c> (id, name).</param>
/// <param name="SeedThing">Inserts one row into <c>thing</c>: applied twice, it would hold two.</param>
/// <param name="CreateOther">Creates table <c>other</c>.</param>
/// <param name="ChangedCreateThing"><see cref="CreateThing"/>'s name with different text (an extra column): drift.</param>
internal sealed record TestScriptSet(
    MigrationScript CreateThing,
    MigrationScript SeedThing,
    MigrationScript CreateOther,
    MigrationScript ChangedCreateThing)
{
    /// <summary>The three scripts in order.</summary>
    public IReadOnlyList<MigrationScript> All => [CreateThing, SeedThing, CreateOther];
}
