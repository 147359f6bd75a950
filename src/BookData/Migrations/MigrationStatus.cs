namespace BookData.Migrations;

/// <summary>Where a database stands against the scripts this version of BookData carries.</summary>
/// <param name="Applied">Scripts recorded in the journal, in order.</param>
/// <param name="Pending">Scripts not applied yet, in the order they will run.</param>
public sealed record MigrationStatus(IReadOnlyList<AppliedMigration> Applied, IReadOnlyList<string> Pending)
{
    /// <summary><see langword="true"/> when no script is pending.</summary>
    public bool IsUpToDate => Pending.Count == 0;
}
