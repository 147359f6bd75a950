using BookData.Cli.Tests.Support;
using Npgsql;

namespace BookData.Cli.Tests.Commands;

/// <summary>
/// <c>--read-connection</c> and <c>BOOKDATA_READ_CONNECTION</c>: reads from a PostgreSQL read replica, writes to the
/// catalog itself; refused for a SQLite catalog.
/// </summary>
public sealed class ReadConnectionOptionTests
{
    private const string Secret = "hunter2-replica";

    [Fact]
    public async Task ReadConnectionOption_SqliteCatalog_IsUsageErrorWithoutThePasswordAndCreatesNothing()
    {
        await using var db = CliDatabase.CreateEmpty();

        var result = await CliRunner.RunAsync(
            "add-book", "--author", "Stephen King", "--title", "It", "--publisher", "Viking",
            "--db", db.Path, "--read-connection", $"Host=replica.example.com;Database=catalog;Password={Secret}");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain("--read-connection").And.Contain("PostgreSQL").And.NotContain(Secret);
        result.Output.Should().BeEmpty();
        File.Exists(db.Path).Should().BeFalse();
    }

    [Fact]
    public async Task ReadConnectionEnvironmentVariable_SqliteCatalog_IsUsageErrorNamingTheVariable()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var before = await CliDatabase.CountAsync(db.Path, "book");
        var environment = new Dictionary<string, string?> { ["BOOKDATA_READ_CONNECTION"] = $"Host=replica.example.com;Database=catalog;Password={Secret}" };

        var result = await CliRunner.RunAsync(environment, localDataFolder: "", "add-book", "--author", "Stephen King", "--title", "Carrie", "--publisher", "Doubleday", "--db", db.Path);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain("BOOKDATA_READ_CONNECTION").And.NotContain(Secret);
        (await CliDatabase.CountAsync(db.Path, "book")).Should().Be(before);
    }

    [Fact]
    public async Task ReadConnectionOption_Empty_IsUsageError()
    {
        var result = await CliRunner.RunAsync("books", "--connection", "Host=primary.example.com;Database=catalog", "--read-connection", " ");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain("--read-connection is empty");
    }

    [Fact]
    public async Task Help_Root_DescribesReadConnection()
    {
        var result = await CliRunner.RunAsync("--help");

        result.Output.Should().Contain("--read-connection").And.Contain("BOOKDATA_READ_CONNECTION").And.Contain("lag");
    }

    [Theory]
    [InlineData("books")]
    [InlineData("authors")]
    [InlineData("report")]
    [InlineData("export")]
    [InlineData("sql")]
    public async Task Help_ReadingCommand_DescribesReadConnectionAndWhereWritesGo(string command)
    {
        var result = await CliRunner.RunAsync(command, "--help");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("--read-connection").And.Contain("BOOKDATA_READ_CONNECTION")
            .And.Contain("No fallback").And.Contain("write to --connection");
    }

    [PostgreSqlFact]
    public async Task ReadConnectionOption_ReplicaUnreachable_ReadsExitDatabaseErrorNamingItAndAddBookWrites()
    {
        await using var server = PostgreSqlServer.NewDatabase();
        var primary = server.ConnectionStringForDatabase;
        var replica = new NpgsqlConnectionStringBuilder(primary) { Port = 1, Password = Secret, Timeout = 3 }.ToString();
        (await CliRunner.RunAsync("migrate", "--connection", primary)).ExitCode.Should().Be(0);

        var added = await CliRunner.RunAsync(
            "add-book", "--author", "Stephen King", "--title", "The Stand", "--publisher", "Random House", "--connection", primary, "--read-connection", replica);
        var books = await CliRunner.RunAsync("books", "--connection", primary, "--read-connection", replica);
        var sql = await CliRunner.RunAsync(
            new Dictionary<string, string?> { ["BOOKDATA_READ_CONNECTION"] = replica }, localDataFolder: "", "sql", "SELECT 1", "--connection", primary);

        added.ExitCode.Should().Be(0, added.ToString());
        added.Output.Should().Contain("Added \"The Stand\"");
        (await server.CountAsync("book")).Should().Be(1);
        foreach (var read in new[] { books, sql })
        {
            read.ExitCode.Should().Be(3, read.ToString());
            read.Error.Should().Contain("read replica").And.Contain($"127.0.0.1:1/{server.DatabaseName}").And.NotContain(Secret);
            read.Output.Should().BeEmpty();
        }
    }

    [PostgreSqlReplicaFact]
    public async Task SqlCommand_ReadConnectionToReplica_RunsOnTheReplica()
    {
        var replicaServer = Environment.GetEnvironmentVariable(PostgreSqlReplicaFactAttribute.ReplicaVariable)!;

        await using var server = PostgreSqlServer.NewDatabase();
        (await CliRunner.RunAsync("migrate", "--connection", server.ConnectionStringForDatabase)).ExitCode.Should().Be(0);
        var replica = new NpgsqlConnectionStringBuilder(replicaServer) { Database = server.DatabaseName }.ToString();
        await WaitForDatabaseAsync(replica);

        var result = await CliRunner.RunAsync(
            "sql", "SELECT inet_server_port() AS port, pg_is_in_recovery() AS standby", "--json",
            "--connection", server.ConnectionStringForDatabase, "--read-connection", replica);

        result.ExitCode.Should().Be(0, result.ToString());
        var row = Json.Parse(result.Output).EnumerateArray().Single();
        row.GetProperty("port").GetInt64().Should().Be(new NpgsqlConnectionStringBuilder(replicaServer).Port);
        row.GetProperty("standby").GetBoolean().Should().BeTrue();
    }

    /// <summary>Waits until the replica has replayed the creation of the test's database and its schema.</summary>
    private static async Task WaitForDatabaseAsync(string replica)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(replica);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT count(*) FROM schema_version;", connection);
                await command.ExecuteScalarAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
