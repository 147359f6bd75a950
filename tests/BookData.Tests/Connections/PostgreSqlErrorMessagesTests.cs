using BookData.PostgreSql.Connections;
using Npgsql;

namespace BookData.Tests.Connections;

/// <summary>
/// What an operator reads when the server or a pooler in front of it goes away, from the exceptions Npgsql throws then
/// (as seen with a server stopped mid-import and PgBouncer in front of a restarting server).
/// </summary>
public sealed class PostgreSqlErrorMessagesTests
{
    private const string DataSource = "db.example:5432/catalog";

    [Fact]
    public void Translate_ConnectionBrokeMidOperation_SaysTheConnectionBrokeAndToRetry()
    {
        var broken = new NpgsqlException("Exception while reading from stream", new EndOfStreamException("Attempted to read past the end of the stream."));

        var error = PostgreSqlErrors.Translate(DataSource, broken);

        error.Message.Should().StartWith($"Database '{DataSource}': the connection to the server broke (the server restarted or crashed")
            .And.Contain("retry once the server is back")
            .And.EndWith("Exception while reading from stream");
        error.InnerException.Should().BeSameAs(broken);
    }

    [Fact]
    public void Translate_PoolerCannotLogInToTheServer_SaysTheServerBehindThePoolerIsDown()
    {
        var pooler = new PostgresException("server login has been failing, try again later (server_login_retry)", "ERROR", "ERROR", PostgresErrorCodes.ProtocolViolation);

        var error = PostgreSqlErrors.Translate(DataSource, pooler);

        error.Message.Should().StartWith($"Database '{DataSource}': the connection pooler cannot log in to the PostgreSQL server behind it")
            .And.Contain("server_login_retry");
    }

    [Fact]
    public void CannotOpen_LoginTimedOut_NamesTheTimeoutAndAFullPoolerPool()
    {
        var timedOut = new NpgsqlException("Exception while connecting", new TimeoutException("Timeout during reading attempt"));

        var error = PostgreSqlErrors.CannotOpen(DataSource, timedOut);

        error.Message.Should().StartWith($"Cannot open database '{DataSource}': no PostgreSQL server answered within the connection string's Timeout")
            .And.Contain("PgBouncer")
            .And.Contain("default_pool_size")
            .And.EndWith("Timeout during reading attempt");
    }
}
