namespace BookData.PostgreSql.Connections;

/// <summary>The pool settings of a connection string, as a pool-exhaustion message names them.</summary>
/// <param name="MaximumPoolSize">Npgsql's <c>Maximum Pool Size</c>: how many connections the pool may hold (default 100).</param>
/// <param name="TimeoutSeconds">Npgsql's <c>Timeout</c>: how long an open waits for a connection, in seconds (default 15).</param>
internal sealed record PostgreSqlPoolSettings(int MaximumPoolSize, int TimeoutSeconds);
