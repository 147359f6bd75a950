using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

/// <summary>The commands against a real PostgreSQL server, each test on a fresh database of its own.</summary>
public sealed class PostgreSqlCommandTests
{
    [PostgreSqlFact]
    public async Task Migrate_MissingDatabase_CreatesItAndStatusListsTheScriptsApplied()
    {
        await using var server = PostgreSqlServer.NewDatabase();

        var migrate = await CliRunner.RunAsync("migrate", "--json", "--connection", server.ConnectionStringForDatabase);
        var status = await CliRunner.RunAsync("migrate", "--status", "--json", "--connection", server.ConnectionStringForDatabase);

        migrate.ExitCode.Should().Be(0, migrate.ToString());
        (await server.ExistsAsync()).Should().BeTrue();
        Json.Parse(migrate.Output).GetProperty("applied").EnumerateArray().Select(name => name.GetString())
            .Should().Equal(BookData.Migrations.BookDataMigrator.ScriptNames);
        status.ExitCode.Should().Be(0, status.ToString());
        var json = Json.Parse(status.Output);
        json.GetProperty("applied").EnumerateArray().Select(applied => applied.GetProperty("name").GetString())
            .Should().Equal(BookData.Migrations.BookDataMigrator.ScriptNames);
        json.GetProperty("pending").GetArrayLength().Should().Be(0);
    }

    [PostgreSqlFact]
    public async Task MigrateStatus_MissingDatabase_ListsAllPendingAndCreatesNothing()
    {
        await using var server = PostgreSqlServer.NewDatabase();

        var result = await CliRunner.RunAsync("migrate", "--status", "--json", "--connection", server.ConnectionStringForDatabase);

        result.ExitCode.Should().Be(0, result.ToString());
        Json.Parse(result.Output).GetProperty("pending").EnumerateArray().Select(name => name.GetString())
            .Should().Equal(BookData.Migrations.BookDataMigrator.ScriptNames);
        (await server.ExistsAsync()).Should().BeFalse();
    }

    [PostgreSqlFact]
    public async Task AddBook_SameBookInOtherCase_AddedOnceAndReportedAsJson()
    {
        await using var server = PostgreSqlServer.NewDatabase();
        var connection = server.ConnectionStringForDatabase;

        var first = await CliRunner.RunAsync("add-book", "--author", "Stephen King", "--title", "The Stand", "--publisher", "Random House", "--connection", connection);
        var again = await CliRunner.RunAsync("add-book", "--author", "stephen  KING", "--title", "the stand", "--publisher", "random house", "--connection", connection);
        var other = await CliRunner.RunAsync("add-book", "--author", "Stephen King", "--title", "It", "--publisher", "Viking", "--connection", connection);
        var report = await CliRunner.RunAsync("report", "books-per-publisher", "--json", "--connection", connection);

        first.ExitCode.Should().Be(0, first.ToString());
        first.Output.Should().Be("Added \"The Stand\" by Stephen King, published by Random House (new author, new publisher)." + Environment.NewLine);
        again.Output.Should().Be("Nothing to add: \"The Stand\" by Stephen King is already published by Random House." + Environment.NewLine);
        other.ExitCode.Should().Be(0, other.ToString());
        report.ExitCode.Should().Be(0, report.ToString());
        report.Output.ReplaceLineEndings("").Replace(" ", "", StringComparison.Ordinal)
            .Should().Be("""[{"publisher":"RandomHouse","totalBooks":1},{"publisher":"Viking","totalBooks":1}]""");
        (await server.CountAsync("book")).Should().Be(2);
    }

    [PostgreSqlFact]
    public async Task Sql_Select_PrintsJsonLikeSqlite()
    {
        await using var server = PostgreSqlServer.NewDatabase();
        await CliRunner.RunAsync("add-book", "--author", "Stephen King", "--title", "The Stand", "--publisher", "Random House", "--connection", server.ConnectionStringForDatabase);

        var result = await CliRunner.RunAsync(
            "sql", "SELECT last_name AS \"lastName\", count(*) AS books, NULL AS missing FROM author JOIN book USING (author_id) GROUP BY author_id",
            "--json", "--connection", server.ConnectionStringForDatabase);

        result.ExitCode.Should().Be(0, result.ToString());
        var row = Json.Parse(result.Output).EnumerateArray().Single();
        Json.Keys(row).Should().Equal("lastName", "books", "missing");
        row.GetProperty("lastName").GetString().Should().Be("King");
        row.GetProperty("books").GetInt64().Should().Be(1);
        row.GetProperty("missing").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [PostgreSqlTheory]
    [InlineData("COPY (SELECT 1) TO PROGRAM 'touch {0}'", "COPY")]
    [InlineData("/* c */ ( copy (select title from book) to '{0}')", "COPY")]
    [InlineData("-- c\nDO $$BEGIN PERFORM 1; END$$", "DO")]
    [InlineData("SET statement_timeout = 1", "SET")]
    [InlineData("CHECKPOINT", "CHECKPOINT")]
    [InlineData("VACUUM", "VACUUM")]
    public async Task Sql_StatementThatIsNotAQuery_RefusedBeforeItRunsAndNoFileWritten(string template, string keyword)
    {
        await using var server = PostgreSqlServer.NewDatabase();
        await CliRunner.RunAsync("migrate", "--connection", server.ConnectionStringForDatabase);
        var target = Path.Combine(Path.GetTempPath(), $"bookdata-pg-{Guid.NewGuid():N}");
        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, target);

        var result = await CliRunner.RunAsync("sql", sql, "--connection", server.ConnectionStringForDatabase);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().StartWith($"error: Refused: bookdata sql runs read-only queries, and this statement would change the database or the server: {keyword} is not a query");
        File.Exists(target).Should().BeFalse();
    }

    [PostgreSqlFact]
    public async Task Sql_VoidResult_PrintsAnEmptyValue()
    {
        await using var server = PostgreSqlServer.NewDatabase();
        await CliRunner.RunAsync("migrate", "--connection", server.ConnectionStringForDatabase);

        var result = await CliRunner.RunAsync("sql", "SELECT pg_notify('bookdata', 'x') AS n", "--json", "--connection", server.ConnectionStringForDatabase);

        result.ExitCode.Should().Be(0, result.ToString());
        Json.Parse(result.Output).EnumerateArray().Single().GetProperty("n").GetString().Should().Be("");
    }

    [PostgreSqlFact]
    public async Task Sql_Write_RefusedWithBadInputAndNothingWritten()
    {
        await using var server = PostgreSqlServer.NewDatabase();
        await CliRunner.RunAsync("add-book", "--author", "Stephen King", "--title", "The Stand", "--publisher", "Random House", "--connection", server.ConnectionStringForDatabase);

        var result = await CliRunner.RunAsync("sql", "DELETE FROM book_publisher", "--connection", server.ConnectionStringForDatabase);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().StartWith("error: Refused: bookdata sql runs read-only queries, and this statement would change the database");
        result.Output.Should().BeEmpty();
        (await server.CountAsync("book_publisher")).Should().Be(1);
    }

    [PostgreSqlFact]
    public async Task Sql_MultipleStatements_RefusedWithTheSqliteErrorAndNothingWritten()
    {
        await using var server = PostgreSqlServer.NewDatabase();
        await CliRunner.RunAsync("add-book", "--author", "Stephen King", "--title", "The Stand", "--publisher", "Random House", "--connection", server.ConnectionStringForDatabase);
        await using var sqlite = await CliDatabase.CreateWithSampleAsync();
        const string Query = "SELECT 1; SELECT 2";

        var result = await CliRunner.RunAsync("sql", Query, "--connection", server.ConnectionStringForDatabase);
        var onSqlite = await CliRunner.RunAsync("sql", Query, "--db", sqlite.Path);
        var withWrite = await CliRunner.RunAsync("sql", "SELECT 1; DELETE FROM book_publisher", "--connection", server.ConnectionStringForDatabase);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().Be(onSqlite.Error).And.Be("error: bookdata sql runs one statement at a time; remove everything after the first ';'." + Environment.NewLine);
        withWrite.Error.Should().Be(result.Error);
        (await server.CountAsync("book_publisher")).Should().Be(1);
    }

    [PostgreSqlFact]
    public async Task Sql_ErrorInTheQuery_ExitsWithBadInputInOneSentenceAndNothingWritten()
    {
        await using var server = PostgreSqlServer.NewDatabase();
        await CliRunner.RunAsync("add-book", "--author", "Stephen King", "--title", "The Stand", "--publisher", "Random House", "--connection", server.ConnectionStringForDatabase);

        foreach (var (statement, error) in new[]
        {
            ("SELECT 1 / 0", "division by zero"),
            ("SELECT nope FROM book", "column \"nope\" does not exist"),
            ("SELECT * FROM shelf", "relation \"shelf\" does not exist"),
            ("SELECT (SELECT book_id FROM book UNION ALL SELECT book_id FROM book)", "more than one row returned by a subquery"),
            ("SELECT 'x'::int", "invalid input syntax for type integer"),
            ("SELECT * FROM other.book", "relation \"other.book\" does not exist"),
            ("SELEKT 1", "syntax error"),
        })
        {
            var result = await CliRunner.RunAsync("sql", statement, "--json", "--connection", server.ConnectionStringForDatabase);

            result.ExitCode.Should().Be(2, result.ToString());
            result.Error.Should().StartWith("error: The query ").And.Contain(error);
            result.Error.TrimEnd().Should().NotContain("\n");
            result.Output.Should().BeEmpty();
        }

        (await server.CountAsync("book")).Should().Be(1);
    }

    [PostgreSqlFact]
    public async Task Sql_ValueLargerThanTheLimit_IsRefusedWithBadInput()
    {
        await using var server = PostgreSqlServer.NewDatabase();
        await CliRunner.RunAsync("migrate", "--connection", server.ConnectionStringForDatabase);

        foreach (var statement in new[] { "SELECT repeat('x', 20000000)", "SELECT decode(repeat('00', 17000000), 'hex')", "SELECT repeat('é', 9000000)" })
        {
            var result = await CliRunner.RunAsync("sql", statement, "--json", "--connection", server.ConnectionStringForDatabase);

            result.ExitCode.Should().Be(2, result.ToString());
            result.Error.Should().StartWith("error: A value in the result is larger than 16,777,216 bytes");
            result.Output.Should().BeEmpty();
        }
    }

    [PostgreSqlFact]
    public async Task Sql_LargeResultDuplicateNamesAndEmptyResult_PrintLikeSqlite()
    {
        await using var server = PostgreSqlServer.NewDatabase();
        await CliRunner.RunAsync("migrate", "--connection", server.ConnectionStringForDatabase);

        var large = await CliRunner.RunAsync("sql", "SELECT x, repeat('é', 100) AS text FROM generate_series(1, 20000) AS x", "--json", "--connection", server.ConnectionStringForDatabase);
        var capped = await CliRunner.RunAsync("sql", "SELECT x FROM generate_series(1, 20000) AS x", "--max-rows", "5", "--connection", server.ConnectionStringForDatabase);
        var duplicates = await CliRunner.RunAsync("sql", "SELECT 1 AS a, 2 AS a", "--json", "--connection", server.ConnectionStringForDatabase);
        var empty = await CliRunner.RunAsync("sql", "SELECT name FROM publisher", "--json", "--connection", server.ConnectionStringForDatabase);
        var emptyTable = await CliRunner.RunAsync("sql", "SELECT name FROM publisher", "--connection", server.ConnectionStringForDatabase);

        large.ExitCode.Should().Be(0, large.ToString());
        Json.Parse(large.Output).EnumerateArray().Select(row => row.GetProperty("x").GetInt64()).Should().Equal(Enumerable.Range(1, 20000).Select(x => (long)x));
        capped.ExitCode.Should().Be(0, capped.ToString());
        capped.Output.Should().Contain("(5 rows)");
        capped.Error.Should().StartWith("note: stopped after 5 rows (--max-rows 5)");
        Json.Keys(Json.Parse(duplicates.Output)[0]).Should().Equal("a", "a_2");
        empty.Output.Trim().Should().Be("[]");
        emptyTable.Lines.Should().Contain(line => line.Contains("name", StringComparison.Ordinal)).And.Contain("(0 rows)");
    }

    [PostgreSqlFact]
    public async Task Sql_MissingDatabase_ExitsWithDatabaseErrorInOneLineAndCreatesNothing()
    {
        await using var server = PostgreSqlServer.NewDatabase();

        var result = await CliRunner.RunAsync("sql", "SELECT 1", "--connection", server.ConnectionStringForDatabase);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Error.Should().Contain("no such database").And.Contain(server.DatabaseName);
        result.Error.TrimEnd().Should().NotContain("\n");
        (await server.ExistsAsync()).Should().BeFalse();
    }
}
