using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace BookData.Connections;

/// <summary>Starts a read-only transaction whose statements all see the same snapshot of the catalog.</summary>
internal static class ReadSnapshot
{
    /// <summary>
    /// A deferred transaction on SQLite (it takes no write lock; the first read fixes the snapshot), a
    /// repeatable-read one on PostgreSQL.
    /// </summary>
    public static DbTransaction BeginReadSnapshot(this DbConnection connection) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : connection.BeginTransaction(IsolationLevel.RepeatableRead);
}
