namespace BookData.Migrations;

/// <summary>A script recorded in the database's migration journal.</summary>
/// <param name="Name">The script's name, for example <c>0001_create_catalog.sql</c>.</param>
/// <param name="Checksum">SHA-256 of the script text as it was applied (lowercase hex).</param>
/// <param name="AppliedUtc">When it was applied.</param>
public sealed record AppliedMigration(string Name, string Checksum, DateTimeOffset AppliedUtc);
