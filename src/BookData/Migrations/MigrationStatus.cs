namespace BookData.Migrations;

/// <summary>Where a database stands against the scripts this version of BookData carries.</summary>
/// <param name="Applied">Scripts recorded in the journal, in order.</param>
/// <param name="Pending">Scripts not applied yet, in the order they will run.</param>
/// <param name="Changed">
/// Applied scripts whose text in this library no longer matches the checksum recorded when they
/// were applied (drift). <see cref="BookDataMigrator.MigrateAsync"/> refuses to run while this is
/// not empty unless <see cref="BookDataOptions.AllowChangedMigrations"/> is set.
/// </param>
/// <param name="Unknown">
/// Scripts in the journal that this library does not carry: the database was migrated by a newer
/// version of BookData. <see cref="BookDataMigrator.MigrateAsync"/> refuses to run while this is not empty.
/// </param>
public sealed record MigrationStatus(
    IReadOnlyList<AppliedMigration> Applied,
    IReadOnlyList<string> Pending,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Unknown)
{
    /// <summary><see langword="true"/> when no script is pending (changed or unknown scripts are reported separately).</summary>
    public bool IsUpToDate => Pending.Count == 0;
}
