namespace BookData.Migrations;

/// <summary>What one migration run did.</summary>
/// <param name="Applied">The scripts applied by this run, in order; empty when the database was already current.</param>
/// <param name="BackupPath">
/// The backup taken before applying them when <see cref="BookDataOptions.BackupBeforeMigrate"/> is set;
/// <see langword="null"/> when no backup was taken (option off, nothing pending, a new or in-memory database).
/// </param>
public sealed record MigrationResult(IReadOnlyList<string> Applied, string? BackupPath = null);
