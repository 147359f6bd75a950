using System.Diagnostics;
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
    [InlineData("PRAGMA table_info(book)", "title")]
    [InlineData("SELECT name FROM pragma_table_info('book')", "title")]
    [InlineData("PRAGMA user_version", "user_version")]
    public async Task Sql_IntrospectionPragma_IsAllowedAndPrintsItsAnswer(string statement, string expected)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("sql", statement, "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain(expected);
        result.Error.Should().BeEmpty();
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

    [Fact]
    public async Task Sql_JsonLargerThanAnyOutputChunk_IsOneValidArrayOfEveryRow()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync(
            "sql", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000) SELECT x, printf('%.100c', 'é') AS text, x'00ff' AS data FROM c",
            "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Length.Should().BeGreaterThan(1_000_000, "the output must span many internal chunks");
        var rows = Json.Parse(result.Output).EnumerateArray().ToArray();
        rows.Should().HaveCount(20000);
        rows.Select(row => row.GetProperty("x").GetInt64()).Should().Equal(Enumerable.Range(1, 20000).Select(x => (long)x));
        rows.Should().OnlyContain(row => row.GetProperty("text").GetString() == new string('é', 100) && row.GetProperty("data").GetString() == "AP8=");
        result.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Sql_TableLargerThanOneBlock_PrintsEveryRowWithTheSameColumnWidths()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync(
            "sql", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2500) SELECT x, 'n' || x AS name FROM c", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.Error);
        var rows = result.Lines.Where(line => line.StartsWith('│')).ToArray();
        rows.Where(line => !line.Contains("name", StringComparison.Ordinal)).Should().HaveCount(2500);
        rows.Select(line => line.Length).Distinct().Should().ContainSingle("every block keeps the first block's column widths");
        rows.Should().Contain(line => line.Contains("n2500", StringComparison.Ordinal));
        result.Lines.Should().Contain("(2500 rows)");
    }

    [Theory]
    [InlineData("json")]
    [InlineData("table")]
    public async Task Sql_MaxRows_StopsThereWithANoteOnStandardError(string format)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var args = new List<string> { "sql", "SELECT title FROM book ORDER BY title", "--max-rows", "3", "--db", db.Path };
        if (format == "json")
        {
            args.Add("--json");
        }

        var result = await CliRunner.RunAsync([.. args]);

        result.ExitCode.Should().Be(0, result.ToString());
        if (format == "json")
        {
            Json.Parse(result.Output).GetArrayLength().Should().Be(3);
        }
        else
        {
            result.Output.Should().Contain("(3 rows)").And.Contain("Into The Abyss").And.NotContain("Patriot Games");
        }

        result.Error.Should().Be("note: stopped after 3 rows (--max-rows 3); the query returns more. Pass --max-rows 0 for all of them." + Environment.NewLine);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    [InlineData("-1")]
    public async Task Sql_MaxRowsNotAWholeNumber_ExitsWithUsageError(string value)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("sql", "SELECT name FROM publisher", "--max-rows", value, "--db", db.Path);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain("--max-rows must be").And.NotContain("Unhandled");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task Sql_MaxRowsEqualToTheResult_PrintsAllWithoutANote()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("sql", "SELECT name FROM publisher", "--max-rows", "4", "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        Json.Parse(result.Output).GetArrayLength().Should().Be(4);
        result.Error.Should().BeEmpty();
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("many")]
    public async Task Sql_MaxRowsNotACount_IsAUsageError(string value)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("sql", "SELECT 1", "--max-rows", value, "--db", db.Path);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain("--max-rows");
        result.Output.Should().BeEmpty();
    }

    [Theory]
    [InlineData("SELECT zeroblob(1000000000)")]
    [InlineData("SELECT randomblob(20000000)")]
    [InlineData("SELECT printf('%.*c', 1000000000, 'x')")]
    [InlineData("SELECT length(zeroblob(20000000)) AS n")]
    [InlineData("SELECT x'00', zeroblob(17000000)")]
    public async Task Sql_ValueLargerThanTheLimit_IsRefusedWithBadInput(string statement)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var before = await SnapshotAsync(db);

        var json = await CliRunner.RunAsync("sql", statement, "--json", "--db", db.Path);
        var table = await CliRunner.RunAsync("sql", statement, "--db", db.Path);

        foreach (var result in new[] { json, table })
        {
            result.ExitCode.Should().Be(2, result.ToString());
            result.Error.Should().StartWith("error: A value in the result is larger than 16,777,216 bytes");
            result.Output.Should().BeEmpty();
        }

        (await SnapshotAsync(db)).Should().Equal(before);
    }

    [Fact]
    public async Task Sql_RowOfLargeValuesAddingUpPastTheLimit_IsRefusedWithBadInput()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var statement = "SELECT " + string.Join(", ", Enumerable.Range(0, 4).Select(i => $"zeroblob(10000000) AS c{i}"));

        var result = await CliRunner.RunAsync("sql", statement, "--json", "--db", db.Path);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().StartWith("error: A row in the result holds more than 16,777,216 bytes in all");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task Sql_ValueJustUnderTheLimit_IsPrinted()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("sql", "SELECT printf('%.*c', 16000000, 'x') AS text", "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.Error);
        Json.Parse(result.Output)[0].GetProperty("text").GetString().Should().Be(new string('x', 16_000_000));
    }

    [Fact]
    public async Task Sql_TableValueLongerThanACell_IsCutWithItsLengthAndJsonHasItWhole()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        const string Query = "SELECT printf('%.*c', 50000, 'x') AS v";

        var table = await CliRunner.RunAsync("sql", Query, "--db", db.Path);
        var json = await CliRunner.RunAsync("sql", Query, "--json", "--db", db.Path);

        table.ExitCode.Should().Be(0, table.Error);
        table.Output.Should().Contain("… (50,000 characters; --json prints them all)");
        table.Output.Count(c => c == 'x').Should().Be(10_000);
        Json.Parse(json.Output)[0].GetProperty("v").GetString().Should().HaveLength(50_000);
    }

    [Fact]
    public async Task Sql_LengthLimit_IsNotLeftOnThePooledConnection()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        (await CliRunner.RunAsync("sql", "SELECT 1", "--db", db.Path)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync("sql", "SELECT zeroblob(1000000000)", "--db", db.Path)).ExitCode.Should().Be(2);

        // The same connection string as the command's, so the pool hands back the connection it used.
        var options = new BookDataOptions { ConnectionString = BookData.Cli.Hosting.DatabaseLocation.ForFile(db.Path) };
        await using var connection = (Microsoft.Data.Sqlite.SqliteConnection)await new BookData.Connections.BookDataConnectionFactory(options).OpenReadOnlyAsync();
        SQLitePCL.raw.sqlite3_limit(connection.Handle, SQLitePCL.raw.SQLITE_LIMIT_LENGTH, -1).Should().Be(1_000_000_000);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT length(randomblob(20000000));";
        (await command.ExecuteScalarAsync()).Should().Be(20_000_000L);
    }

    [Theory]
    [InlineData("SELECT abs(-9223372036854775808)", "integer overflow")]
    [InlineData("SELECT json('not json')", "malformed JSON")]
    [InlineData("SELECT nope FROM book", "no such column: nope")]
    [InlineData("SELECT * FROM shelf", "no such table: shelf")]
    [InlineData("PRAGMA other.table_info(book)", "unknown database other")]
    [InlineData("SELECT * FROM other.book", "no such table: other.book")]
    [InlineData("SELECT FROM book", "syntax error")]
    public async Task Sql_ErrorInTheQuery_ExitsWithBadInputInOneSentence(string statement, string error)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var before = await SnapshotAsync(db);

        var result = await CliRunner.RunAsync("sql", statement, "--json", "--db", db.Path);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().StartWith("error: The query ").And.Contain(error);
        result.Error.TrimEnd().Should().NotContain("\n");
        result.Output.Should().BeEmpty();
        (await SnapshotAsync(db)).Should().Equal(before);
    }

    [Fact]
    public async Task Sql_DuplicateColumnNames_GetDistinctJsonKeys()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("sql", "SELECT 1 AS a, 2 AS a, 3 AS a_2, 4 AS a, 5 AS A", "--json", "--db", db.Path);
        var joined = await CliRunner.RunAsync(
            "sql", "SELECT * FROM book JOIN author ON author.author_id = book.author_id LIMIT 1", "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        var row = Json.Parse(result.Output)[0];
        Json.Keys(row).Should().Equal("a", "a_3", "a_2", "a_4", "A");
        row.GetProperty("a_3").GetInt64().Should().Be(2);
        row.GetProperty("a_4").GetInt64().Should().Be(4);
        joined.ExitCode.Should().Be(0, joined.ToString());
        Json.Keys(Json.Parse(joined.Output)[0]).Should().OnlyHaveUniqueItems().And.Contain("author_id").And.Contain("author_id_2");
    }

    [Theory]
    [InlineData("PRAGMA journal_mode", "journal_mode", "wal")]
    [InlineData("PRAGMA encoding", "encoding", "UTF-8")]
    [InlineData("PRAGMA foreign_keys", "foreign_keys", "1")]
    [InlineData("PRAGMA user_version", "user_version", "0")]
    [InlineData("PRAGMA page_size", "page_size", "4096")]
    [InlineData("PRAGMA integrity_check", "integrity_check", "ok")]
    [InlineData("PRAGMA quick_check", "quick_check", "ok")]
    public async Task Sql_ReadingPragma_IsAllowed(string statement, string column, string value)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("sql", statement, "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        var cell = Json.Parse(result.Output)[0].GetProperty(column);
        (cell.ValueKind == System.Text.Json.JsonValueKind.Number ? cell.GetRawText() : cell.GetString()).Should().Be(value);
    }

    [Theory]
    [InlineData("PRAGMA journal_mode = DELETE")]
    [InlineData("PRAGMA journal_mode=DELETE")]
    [InlineData("PRAGMA main.journal_mode = MEMORY")]
    [InlineData("PRAGMA foreign_keys = 0")]
    [InlineData("PRAGMA page_size = 1024")]
    [InlineData("PRAGMA wal_checkpoint")]
    [InlineData("PRAGMA optimize")]
    [InlineData("PRAGMA incremental_vacuum")]
    public async Task Sql_PragmaThatSetsOrWrites_IsRefusedAndJournalModeUnchanged(string statement)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var before = await SnapshotAsync(db);

        var result = await CliRunner.RunAsync("sql", statement, "--db", db.Path);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().StartWith("error: Refused: bookdata sql runs read-only queries");
        (await SnapshotAsync(db)).Should().Equal(before);
        var mode = await CliRunner.RunAsync("sql", "PRAGMA journal_mode", "--json", "--db", db.Path);
        Json.Parse(mode.Output)[0].GetProperty("journal_mode").GetString().Should().Be("wal");
    }

    [Fact]
    public async Task Sql_EmptyResult_PrintsTheHeaderOrAnEmptyArray()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var table = await CliRunner.RunAsync("sql", "SELECT name, publisher_id FROM publisher WHERE 0", "--db", db.Path);
        var json = await CliRunner.RunAsync("sql", "SELECT name, publisher_id FROM publisher WHERE 0", "--json", "--db", db.Path);

        table.ExitCode.Should().Be(0, table.ToString());
        table.Lines.Should().Contain(line => line.Contains("name", StringComparison.Ordinal) && line.Contains("publisher_id", StringComparison.Ordinal));
        table.Lines.Should().Contain("(0 rows)");
        json.ExitCode.Should().Be(0, json.ToString());
        json.Output.Trim().Should().Be("[]");
    }

    [Fact]
    public async Task Sql_Cancelled_StopsTheRunningQueryWithInterruptedExitCode()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new BookData.Cli.Hosting.CliConsole(output, error, isTerminal: false, _ => null, "", width: 120);
        using var cancellation = new CancellationTokenSource();

        // A query that never returns a row: only an interrupt of the running statement stops it. SQLite runs it
        // synchronously, so the command runs on another thread while this one cancels.
        var run = Task.Run(() => BookDataCli.RunAsync(
            ["sql", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c", "--db", db.Path], console, cancellation.Token));
        await Task.Delay(500);
        cancellation.Cancel();
        var exitCode = await run;

        exitCode.Should().Be(130, error.ToString());
        error.ToString().Should().StartWith("error: Interrupted");
        output.ToString().Should().BeEmpty();
    }

    [Theory]
    [InlineData("--json")]
    [InlineData("--verbose")]
    public async Task Sql_StandardOutputClosedEarly_EndsQuietlyWithoutAnError(string option)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { ToolProcess.AssemblyPath, "sql", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT x FROM c", option, "--db", db.Path })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();

        // As `bookdata sql ... | head -1` does: read one line, then close the pipe.
        var first = await process.StandardOutput.ReadLineAsync();
        process.StandardOutput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);

        first.Should().NotBeNullOrEmpty();
        (await error).Should().BeEmpty();
        process.ExitCode.Should().Be(0);
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
