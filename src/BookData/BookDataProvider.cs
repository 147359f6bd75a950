namespace BookData;

/// <summary>The database engines BookData runs on.</summary>
public enum BookDataProvider
{
    /// <summary>SQLite, through Microsoft.Data.Sqlite: one database file (or an in-memory database). The default.</summary>
    Sqlite = 0,

    /// <summary>
    /// PostgreSQL, through Npgsql: a server that many application instances share, and engines that speak
    /// its wire protocol. Needs the <c>BookData.PostgreSql</c> package and its <c>UsePostgreSql()</c>.
    /// </summary>
    PostgreSql = 1,
}
