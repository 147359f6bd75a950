using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

/// <summary>
/// <c>--connection</c> and <c>BOOKDATA_CONNECTION</c>: a connection string instead of a file, checked
/// before anything connects. A SQLite string stands in where a server is not needed.
/// </summary>
public sealed class ConnectionOptionTests
{
    /// <summary>A PostgreSQL connection string to a port nothing listens on: any attempt to connect fails.</summary>
    private const string UnreachableServer = "Host=127.0.0.1;Port=1;Username=nobody;Database=catalog;Timeout=5";

    [Fact]
    public async Task Command_DbPathWithDotDotAfterALinkedFolder_OpensTheFileTheOperatingSystemNames()
    {
        // <temp>/x-<id>/deep leads to <catalog's folder>/sub-<id>, so x-<id>/deep/../<catalog> is the catalog itself
        // to the operating system and SQLite; tidied as text it would be a new file x-<id>/<catalog>.
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var id = Guid.NewGuid().ToString("N");
        var sub = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(db.Path)!, $"sub-{id}")).FullName;
        var x = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"x-{id}")).FullName;
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(x, "deep"), sub);
            var climbing = Path.Combine(x, "deep", "..", Path.GetFileName(db.Path));

            var viaLink = await CliRunner.RunAsync("books", "--json", "--db", climbing);
            var direct = await CliRunner.RunAsync("books", "--json", "--db", db.Path);

            viaLink.ExitCode.Should().Be(0, viaLink.ToString());
            viaLink.Output.Should().Be(direct.Output).And.Contain("Foundation");
            File.Exists(Path.Combine(x, Path.GetFileName(db.Path))).Should().BeFalse();
        }
        finally
        {
            Directory.Delete(x, recursive: true);
            Directory.Delete(sub);
        }
    }

    [Fact]
    public async Task Command_ConnectionOption_ChoosesDatabase()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("report", "books-per-publisher", "--json", "--connection", $"Data Source={db.Path}");

        result.ExitCode.Should().Be(0, result.ToString());
        Json.Parse(result.Output).GetArrayLength().Should().Be(4);
    }

    [Fact]
    public async Task Command_BookdataConnectionEnvironmentVariable_ChoosesDatabaseWhenNoOption()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var environment = new Dictionary<string, string?> { ["BOOKDATA_CONNECTION"] = $"Data Source={db.Path}" };

        var result = await CliRunner.RunAsync(environment, localDataFolder: "", "report", "books-per-publisher", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        Json.Parse(result.Output).GetArrayLength().Should().Be(4);
    }

    [Fact]
    public async Task Command_ConnectionOption_WinsOverBookdataDbEnvironmentVariable()
    {
        await using var chosen = await CliDatabase.CreateWithSampleAsync();
        await using var other = CliDatabase.CreateEmpty();
        var environment = new Dictionary<string, string?> { ["BOOKDATA_DB"] = other.Path };

        var result = await CliRunner.RunAsync(
            environment, localDataFolder: "", "report", "books-per-publisher", "--json", "--connection", $"Data Source={chosen.Path}");

        Json.Parse(result.Output).GetArrayLength().Should().Be(4);
        File.Exists(other.Path).Should().BeFalse();
    }

    [Fact]
    public async Task Command_DbAndConnectionOptions_ExitsWithUsageErrorAndCreatesNothing()
    {
        await using var db = CliDatabase.CreateEmpty();

        var result = await CliRunner.RunAsync("add-book", "--author", "Ann Leckie", "--title", "Ancillary Justice", "--publisher", "Orbit",
            "--db", db.Path, "--connection", UnreachableServer);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Be("error: --db and --connection both name the database; give only one of them." + Environment.NewLine);
        result.Output.Should().BeEmpty();
        File.Exists(db.Path).Should().BeFalse();
    }

    [Theory]
    [InlineData(":memory:")]
    [InlineData("Data Source={0};Password=hunter2")]
    [InlineData("file:{0}?mode=memory")]
    [InlineData("postgresql://user:hunter2@127.0.0.1:1/{0}")]
    public async Task Command_DbValueThatIsAConnectionString_ExitsWithUsageErrorEchoingNothingAndCreatesNothing(string value)
    {
        var name = $"bookdata-cli-{Guid.NewGuid():N}.db";
        var db = string.Format(System.Globalization.CultureInfo.InvariantCulture, value, name);

        var result = await CliRunner.RunAsync("add-book", "--author", "Ann Leckie", "--title", "Ancillary Justice", "--publisher", "Orbit", "--db", db);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().StartWith("error: --db takes the path of a database file, and this value looks like a connection string");
        result.Error.Should().NotContain("hunter2");
        File.Exists(Path.GetFullPath(db)).Should().BeFalse();
        Directory.GetFiles(Directory.GetCurrentDirectory(), "*" + name + "*").Should().BeEmpty();
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=catalog;Mode=Memory;Cache=Shared")]
    public async Task Command_InMemoryConnection_ExitsWithUsageErrorBeforeMigrating(string connectionString)
    {
        var result = await CliRunner.RunAsync("migrate", "--connection", connectionString);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Be("error: --connection names an in-memory SQLite database, which is gone when the command ends; give a database file instead." + Environment.NewLine);
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task Command_SqliteConnectionWithPassword_ExitsWithUsageErrorAndCreatesNoFile()
    {
        await using var db = CliDatabase.CreateEmpty();

        var result = await CliRunner.RunAsync("authors", "--connection", $"Data Source={db.Path};Password=s3cret");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain("sets a Password, but the SQLite library BookData uses has no encryption").And.NotContain("s3cret");
        File.Exists(db.Path).Should().BeFalse();
    }

    [Fact]
    public async Task Command_BothEnvironmentVariables_ExitsWithUsageErrorAndCreatesNothing()
    {
        await using var db = CliDatabase.CreateEmpty();
        var environment = new Dictionary<string, string?> { ["BOOKDATA_DB"] = db.Path, ["BOOKDATA_CONNECTION"] = UnreachableServer };

        var result = await CliRunner.RunAsync(environment, localDataFolder: "", "authors");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain("BOOKDATA_CONNECTION and BOOKDATA_DB are both set");
        File.Exists(db.Path).Should().BeFalse();
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1")]
    public async Task Command_BadBusyTimeoutEnvironmentVariable_ExitsWithUsageErrorAndCreatesNothing(string seconds)
    {
        await using var db = CliDatabase.CreateEmpty();
        var environment = new Dictionary<string, string?> { ["BOOKDATA_DB"] = db.Path, ["BOOKDATA_BUSY_TIMEOUT"] = seconds };

        var result = await CliRunner.RunAsync(environment, localDataFolder: "", "authors");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Be($"error: BOOKDATA_BUSY_TIMEOUT must be a number of seconds from 0 to {int.MaxValue / 1000}; it is \"{seconds}\"." + Environment.NewLine);
        File.Exists(db.Path).Should().BeFalse();
    }

    [Fact]
    public async Task Command_BusyTimeoutEnvironmentVariable_IsTheWaitForAnotherWriter()
    {
        await using var db = CliDatabase.CreateEmpty();
        (await CliRunner.RunAsync("migrate", "--db", db.Path)).ExitCode.Should().Be(0);
        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db.Path};Pooling=false");
        await holder.OpenAsync();
        using var writeLock = holder.BeginTransaction();
        var environment = new Dictionary<string, string?> { ["BOOKDATA_DB"] = db.Path, ["BOOKDATA_BUSY_TIMEOUT"] = "0.2" };

        var result = await CliRunner.RunAsync(environment, localDataFolder: "", "add-book", "--author", "Stephen King", "--title", "The Stand", "--publisher", "Random House");

        result.ExitCode.Should().Be(3, result.ToString());
        result.Error.Should().Contain("longer than the busy timeout");
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=not-a-number;Database=catalog", "The PostgreSQL connection string is malformed")]
    [InlineData("Host=127.0.0.1;Username=app", "The PostgreSQL connection string names no database; add \"Database=NAME\".")]
    [InlineData("Host=127.0.0.1;Database=catalog;Colour=blue", "The PostgreSQL connection string is malformed")]
    [InlineData("   ", "--connection is empty")]
    public async Task Command_MalformedConnectionString_ExitsWithUsageErrorInOneLine(string connectionString, string message)
    {
        var result = await CliRunner.RunAsync("authors", "--connection", connectionString);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().StartWith($"error: {message}");
        result.Error.TrimEnd().Should().NotContain("\n");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task Command_NoServerAnswers_ExitsWithDatabaseErrorInOneLine()
    {
        var result = await CliRunner.RunAsync("authors", "--connection", UnreachableServer);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Error.Should().StartWith("error: Cannot open database '127.0.0.1:1/catalog': no PostgreSQL server answered");
        result.Error.TrimEnd().Should().NotContain("\n");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task Help_Root_DocumentsConnectionOptionAndEnvironmentVariable()
    {
        var result = await CliRunner.RunAsync("--help");

        result.ExitCode.Should().Be(0);
        result.Output.Should().Contain("--connection").And.Contain("BOOKDATA_CONNECTION").And.Contain("Host=");
    }
}
