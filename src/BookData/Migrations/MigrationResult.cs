namespace BookData.Migrations;

/// <summary>What one migration run did.</summary>
/// <param name="Applied">The scripts applied by this run, in order; empty when the database was already current.</param>
public sealed record MigrationResult(IReadOnlyList<string> Applied);
