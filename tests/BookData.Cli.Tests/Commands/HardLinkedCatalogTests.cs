using BookData.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BookData.Cli.Tests.Commands;

/// <summary>
/// A catalog file with a second name (a hard link): SQLite keeps the write-ahead log and locks by name, so writers
/// through the two names would lose each other's commits. Every command that writes refuses it, through either name.
/// </summary>
public sealed class HardLinkedCatalogTests
{
    public static TheoryData<string> WritingCommands() => new() { "add-book", "import", "migrate" };

    [Theory]
    [MemberData(nameof(WritingCommands))]
    public async Task WritingCommand_CatalogWithASecondHardLink_ExitsWithDatabaseErrorNamingTheLinksAndChangesNeitherName(string command)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var db = await CliDatabase.CreateWithSampleAsync();
        var second = db.SiblingPath("-second.db");
        FileLinks.CreateHardLink(second, db.Path);
        try
        {
            SqliteConnection.ClearAllPools();
            var books = await db.CountAsync("book");
            var bytes = await File.ReadAllBytesAsync(db.Path);
            var csv = db.SiblingPath("-more.csv");
            await File.WriteAllTextAsync(csv, "first_name,last_name,title,publisher\nAnn,Lee,A Linked Book,Penguin\n");
            string[] args = command switch
            {
                "add-book" => ["add-book", "--first-name", "Ann", "--last-name", "Lee", "--title", "A Linked Book", "--publisher", "Penguin"],
                "import" => ["import", csv],
                _ => [command],
            };

            foreach (var name in new[] { db.Path, second })
            {
                var result = await ToolProcess.RunAsync(null, [.. args, "--db", name]);

                result.ExitCode.Should().Be(3, result.ToString());
                result.Error.Should().Contain($"'{name}'").And.Contain("2 hard links").And.Contain("howtocorrupt");
            }

            (await File.ReadAllBytesAsync(db.Path)).Should().Equal(bytes);
            (await File.ReadAllBytesAsync(second)).Should().Equal(bytes);
            (await db.CountAsync("book")).Should().Be(books);
            File.Exists(second + "-wal").Should().BeFalse();
            File.Exists(db.Path + "-wal").Should().BeFalse();
        }
        finally
        {
            File.Delete(second);
        }
    }

    [Fact]
    public async Task Backup_CatalogWithASecondHardLink_StillCopiesItThroughEitherName()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var db = await CliDatabase.CreateWithSampleAsync();
        var second = db.SiblingPath("-second.db");
        var copy = db.SiblingPath("-copy.db");
        FileLinks.CreateHardLink(second, db.Path);
        try
        {
            SqliteConnection.ClearAllPools();
            var books = await db.CountAsync("book");

            var backup = await ToolProcess.RunAsync(null, "backup", copy, "--db", second);

            backup.ExitCode.Should().Be(0, backup.ToString());
            (await CliDatabase.CountAsync(copy, "book")).Should().Be(books);
        }
        finally
        {
            File.Delete(second);
            File.Delete(copy);
        }
    }
}
