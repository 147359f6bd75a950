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
            .Should().Equal("0001_create_catalog.sql", "0002_index_book_title_search.sql");
        status.ExitCode.Should().Be(0, status.ToString());
        var json = Json.Parse(status.Output);
        json.GetProperty("applied").EnumerateArray().Select(applied => applied.GetProperty("name").GetString())
            .Should().Equal("0001_create_catalog.sql", "0002_index_book_title_search.sql");
        json.GetProperty("pending").GetArrayLength().Should().Be(0);
    }

    [PostgreSqlFact]
    public async Task MigrateStatus_MissingDatabase_ListsAllPendingAndCreatesNothing()
    {
        await using var server = PostgreSqlServer.NewDatabase();

        var result = await CliRunner.RunAsync("migrate", "--status", "--json", "--connection", server.ConnectionStringForDatabase);

        result.ExitCode.Should().Be(0, result.ToString());
        Json.Parse(result.Output).GetProperty("pending").EnumerateArray().Select(name => name.GetString())
            .Should().Equal("0001_create_catalog.sql", "0002_index_book_title_search.sql");
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
