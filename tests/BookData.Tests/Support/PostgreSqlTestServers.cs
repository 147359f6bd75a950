namespace BookData.Tests.Support;

/// <summary>Which of the PostgreSQL test servers are configured: the server itself, PgBouncer in front of it, its replica.</summary>
/// <param name="Server">Whether <c>BOOKDATA_TEST_POSTGRES</c> is set.</param>
/// <param name="Pooler">Whether <c>BOOKDATA_TEST_POSTGRES_POOLED</c> is set.</param>
/// <param name="Replica">Whether <c>BOOKDATA_TEST_POSTGRES_REPLICA</c> is set.</param>
public sealed record PostgreSqlTestServers(bool Server, bool Pooler, bool Replica);
