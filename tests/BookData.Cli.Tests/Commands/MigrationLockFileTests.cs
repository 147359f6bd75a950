using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

/// <summary>
/// A lock file another user left beside the catalog in a shared (sticky, world-writable) folder, as a killed
/// migration run as root leaves it: the catalog's own user can neither write nor remove it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MigrationLockFileTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"bookdata-cli-lock-{Guid.NewGuid():N}");

    public MigrationLockFileTests()
    {
        Directory.CreateDirectory(Path.Combine(root, "home"));
        Directory.CreateDirectory(Path.Combine(root, "shared"));
    }

    private string Home => Path.Combine(root, "home");
    private string Catalog => Path.Combine(root, "shared", "catalog.db");
    private string LockFile => Catalog + ".migrate.lock";

    public void Dispose() => Directory.Delete(root, recursive: true);

    [OtherUserFact]
    public async Task Migrate_ReadableLockFileOfRootInASharedFolder_LocksItReadOnlyAndMigrates()
    {
        LeaveRootsLockFile(0b110_100_100);

        var result = await OtherUser.RunToolAsync(Home, "migrate", "--db", Catalog);

        result.ExitCode.Should().Be(0, result.ToString());
        (await CliDatabase.CountAsync(Catalog, "schema_version")).Should().Be(BookData.Migrations.BookDataMigrator.ScriptNames.Count);
        File.Exists(LockFile).Should().BeTrue("the sticky folder lets only root remove root's file");
        (await File.ReadAllBytesAsync(LockFile)).Should().BeEmpty();
    }

    [OtherUserFact]
    public async Task Migrate_UnreadableLockFileOfRootInASharedFolder_ExitsWithDatabaseErrorNamingTheFileAndItsOwner()
    {
        LeaveRootsLockFile(0b110_000_000);

        var result = await OtherUser.RunToolAsync(Home, "migrate", "--db", Catalog);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Error.Should().Contain($"its lock file '{LockFile}' exists, belongs to user 'root' (id 0)")
            .And.Contain("when no migration is running, that user or root can remove it");
        File.Exists(Catalog).Should().BeFalse();
        File.Exists(LockFile).Should().BeTrue();
    }

    private void LeaveRootsLockFile(int mode)
    {
        File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Home, (UnixFileMode)0b111_111_111);
        File.SetUnixFileMode(Path.Combine(root, "shared"), (UnixFileMode)0b1_111_111_111); // sticky, world-writable: like /tmp
        File.WriteAllBytes(LockFile, []);
        File.SetUnixFileMode(LockFile, (UnixFileMode)mode);
    }
}
