using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

/// <summary>
/// The documented exit codes (0 ok, 1 usage, 2 bad input data, 3 database error), checked for a representative
/// success and failure of every command. In the arguments, <c>{db}</c> is a catalog holding the sample,
/// <c>{garbage}</c> a file that is not a database, <c>{bad.csv}</c> a CSV whose second row has no title, and
/// <c>{new}</c> a path in a fresh folder where nothing exists yet.
/// </summary>
public sealed class ExitCodeTableTests
{
    public static TheoryData<string, int> Cases => new()
    {
        // No command, unknown command or option, missing or invalid argument: usage (1).
        { "", 1 },
        { "frobnicate", 1 },
        { "authors --colour --db {db}", 1 },
        { "report nope --db {db}", 1 },
        { "import --db {db}", 1 },
        { "export {new}/missing/out.csv --db {db}", 1 },
        { "backup {new}/missing/copy.db --db {db}", 1 },
        { "export --db {db}", 1 },
        { "add-book --author Ann_Leckie --db {db}", 1 },
        { "sql --db {db}", 1 },
        { "backup --db {db}", 1 },
        { "migrate --status --db {db} --connection Host=localhost", 1 },
        { "demo --db {db}", 1 },
        { "export {db} --db {db} --force", 1 },

        // The data given was rejected: bad input (2).
        { "import {new} --db {db}", 2 },
        { "import {bad.csv} --db {db}", 2 },
        { "sql DELETE_FROM_book --db {db}", 2 },
        { "sql SELECT_*_FROM_no_such_table --db {db}", 2 },

        // The database cannot be used: database error (3).
        { "authors --db {garbage}", 3 },
        { "report books-per-author --db {garbage}", 3 },
        { "import {bad.csv} --db {garbage}", 3 },
        { "export {new} --db {garbage}", 3 },
        { "add-book --author Ann_Leckie --title Ancillary_Justice --publisher Orbit --db {garbage}", 3 },
        { "sql SELECT_1 --db {garbage}", 3 },
        { "migrate --db {garbage}", 3 },
        { "migrate --status --db {garbage}", 3 },
        { "backup {new} --db {garbage}", 3 },

        // Success (0).
        { "--help", 0 },
        { "authors --db {db}", 0 },
        { "report books-per-author --db {db}", 0 },
        { "export {new} --db {db}", 0 },
        { "add-book --author Ann_Leckie --title Ancillary_Justice --publisher Orbit --db {db}", 0 },
        { "sql SELECT_1 --db {db}", 0 },
        { "migrate --status --db {db}", 0 },
        { "migrate --db {db}", 0 },
        { "backup {new} --db {db}", 0 },
        { "demo --db {new}", 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Command_Outcome_ExitsWithTheDocumentedCode(string commandLine, int expected)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var folder = Path.Combine(Path.GetTempPath(), $"bookdata-cli-exit-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var garbage = Path.Combine(folder, "garbage.db");
            await File.WriteAllTextAsync(garbage, new string('x', 4096));
            var badCsv = Path.Combine(folder, "bad.csv");
            await File.WriteAllTextAsync(badCsv, "first_name,last_name,title,publisher\nAnn,Leckie,Ancillary Justice,Orbit\nAnn,Leckie,,Orbit\n");
            var args = commandLine
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(arg => arg
                    .Replace("{db}", db.Path, StringComparison.Ordinal)
                    .Replace("{garbage}", garbage, StringComparison.Ordinal)
                    .Replace("{bad.csv}", badCsv, StringComparison.Ordinal)
                    .Replace("{new}", Path.Combine(folder, "new.db"), StringComparison.Ordinal)
                    .Replace('_', ' '))
                .ToArray();
            var books = await db.CountAsync("book");

            var result = await CliRunner.RunAsync(args);

            result.ExitCode.Should().Be(expected, result.ToString());
            if (expected != 0)
            {
                result.Error.Should().StartWith(expected == 1 && commandLine.Length == 0 ? "" : "error: ");
                (await db.CountAsync("book")).Should().Be(books, "a failed command changes nothing");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
