using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

public sealed class SqlCommandTests
{
    [Fact]
    public async Task Sql_Select_PrintsTableAndRowCount()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("sql", "SELECT name FROM publisher ORDER BY name", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("Berkley").And.Contain("Simon & Schuster").And.Contain("(4 rows)");
    }

    [Fact]
    public async Task Sql_Json_PrintsArrayOfObjectsKeyedByColumnName()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync(
            "sql", "SELECT last_name AS lastName, count(*) AS books, NULL AS missing FROM author JOIN book USING (author_id) GROUP BY author_id ORDER BY books DESC, last_name LIMIT 2",
            "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        var rows = Json.Parse(result.Output).EnumerateArray().ToArray();
        rows.Should().HaveCount(2);
        Json.Keys(rows[0]).Should().Equal("lastName", "books", "missing");
        rows[0].GetProperty("lastName").GetString().Should().Be("King");
        rows[0].GetProperty("books").GetInt64().Should().Be(3);
        rows[0].GetProperty("missing").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        rows[1].GetProperty("lastName").GetString().Should().Be("Clancy");
    }

    [Theory]
    [InlineData("DELETE FROM book")]
    [InlineData("DROP TABLE book_publisher")]
    [InlineData("INSERT INTO publisher (name) VALUES ('Tor')")]
    [InlineData("UPDATE author SET last_name = 'X'")]
    [InlineData("PRAGMA writable_schema = 1")]
    [InlineData("PRAGMA user_version = 7")]
    [InlineData("CREATE TABLE t (x)")]
    [InlineData("ALTER TABLE book ADD COLUMN isbn TEXT")]
    [InlineData("WITH doomed AS (SELECT 1) DELETE FROM book_publisher")]
    [InlineData("DELETE FROM book RETURNING title")]
    [InlineData("BEGIN IMMEDIATE")]
    [InlineData("VACUUM")]
    public async Task Sql_StatementThatWrites_IsRefusedAndDatabaseUnchanged(string statement)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var before = await SnapshotAsync(db);

        var result = await CliRunner.RunAsync("sql", statement, "--db", db.Path);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().StartWith("error: Refused: bookdata sql runs read-only queries");
        result.Output.Should().BeEmpty();
        (await SnapshotAsync(db)).Should().Equal(before);
    }

    [Fact]
    public async Task Sql_Attach_IsRefusedAndCreatesNoFile()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var attached = db.SiblingPath("-attached.db");
        var before = await SnapshotAsync(db);

        var result = await CliRunner.RunAsync("sql", $"ATTACH DATABASE '{attached}' AS other", "--db", db.Path);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().Contain("attach another database");
        File.Exists(attached).Should().BeFalse();
        (await SnapshotAsync(db)).Should().Equal(before);
    }

    [Fact]
    public async Task Sql_VacuumInto_IsRefusedAndCreatesNoFile()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var copy = db.SiblingPath("-vacuum.db");

        var result = await CliRunner.RunAsync("sql", $"VACUUM INTO '{copy}'", "--db", db.Path);

        result.ExitCode.Should().Be(2, result.ToString());
        File.Exists(copy).Should().BeFalse();
    }

    [Fact]
    public async Task Sql_SecondStatementAfterSelect_IsRefusedAndNothingRuns()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var before = await SnapshotAsync(db);

        var result = await CliRunner.RunAsync("sql", "SELECT count(*) FROM book; DELETE FROM book_publisher", "--db", db.Path);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Output.Should().BeEmpty();
        (await SnapshotAsync(db)).Should().Equal(before);
    }

    [Fact]
    public async Task Sql_TrailingSemicolonAndComment_RunsTheOneStatement()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("sql", "SELECT count(*) AS books FROM book; -- all of them", "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        Json.Parse(result.Output)[0].GetProperty("books").GetInt64().Should().Be(10);
    }

    [Theory]
    [InlineData("PRAGMA table_info(book)")]
    [InlineData("SELECT name FROM pragma_table_info('book')")]
    [InlineData("PRAGMA user_version")]
    public async Task Sql_IntrospectionPragma_IsAllowed(string statement)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("sql", statement, "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
    }

    [Fact]
    public async Task Sql_SyntaxError_ExitsWithBadInputNamingTheProblem()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("sql", "SELEKT * FROM book", "--db", db.Path);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("syntax error");
    }

    [Fact]
    public async Task Sql_MissingDatabase_ExitsWithDatabaseErrorAndCreatesNoFile()
    {
        await using var db = CliDatabase.CreateEmpty();

        var result = await CliRunner.RunAsync("sql", "SELECT 1", "--db", db.Path);

        result.ExitCode.Should().Be(3);
        result.Error.Should().Contain(db.Path);
        File.Exists(db.Path).Should().BeFalse();
    }

    [Fact]
    public async Task Sql_UnmigratedDatabase_IsNotMigrated()
    {
        await using var db = CliDatabase.CreateEmpty();
        await using (var connection = await db.Factory.OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE note (text TEXT);";
            await command.ExecuteNonQueryAsync();
        }

        var result = await CliRunner.RunAsync("sql", "SELECT count(*) AS tables FROM sqlite_master WHERE type = 'table'", "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        Json.Parse(result.Output)[0].GetProperty("tables").GetInt64().Should().Be(1);
    }

    /// <summary>Row counts of every catalog table and the schema, to prove nothing changed.</summary>
    private static async Task<long[]> SnapshotAsync(CliDatabase db) =>
    [
        await db.CountAsync("author"),
        await db.CountAsync("book"),
        await db.CountAsync("publisher"),
        await db.CountAsync("book_publisher"),
        await db.CountAsync("sqlite_master"),
        await db.CountAsync("author WHERE last_name = 'X'"),
        await db.CountAsync("pragma_user_version WHERE user_version = 0"),
    ];
}
