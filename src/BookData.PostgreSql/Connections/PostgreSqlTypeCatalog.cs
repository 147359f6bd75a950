using System.Collections.Concurrent;
using System.Data;
using Npgsql;

namespace BookData.PostgreSql.Connections;

/// <summary>
/// Keeps Npgsql's knowledge of the database's types current. Npgsql reads a database's types (among them citext, which
/// migration 0001 creates) once per connection string and process, when its pool opens the first connection, and keeps
/// them; a process that connected before another process created citext reads citext columns as an unknown type
/// ("Reading as 'System.Object' is not supported for fields having DataTypeName '-.-'") until the types are reloaded.
/// So every connection string is checked when BookData opens it, until Npgsql is seen to know citext: if the database
/// has citext and Npgsql does not know it, the types are reloaded and the pool's older connections are retired.
/// </summary>
/// <remarks>
/// The check asks Npgsql's loaded type list (no round trip) and, only while citext is unknown to it, the server
/// (one query per open until the database has citext, which is only before the first migration). Npgsql's pools are
/// process-wide and keyed by connection string, so this state is too.
/// </remarks>
internal static class PostgreSqlTypeCatalog
{
    /// <summary>The type whose absence from Npgsql's list means its list predates the schema.</summary>
    private const string CitextTypeName = "citext";

    /// <summary>Connection strings whose pool is known to have loaded citext.</summary>
    private static readonly ConcurrentDictionary<string, bool> Current = new(StringComparer.Ordinal);

    /// <summary>Makes sure the pool of <paramref name="connection"/> (open) reads citext, reloading its types once if the database has citext and Npgsql does not know it.</summary>
    /// <exception cref="NpgsqlException">The server failed the check or the reload.</exception>
    public static async Task EnsureCurrentAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var key = connection.ConnectionString;
        if (Current.ContainsKey(key))
        {
            return;
        }

        if (await KnowsCitextAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            Current.TryAdd(key, true);
            return;
        }

        bool exists;
        var command = new NpgsqlCommand(PostgreSqlConnectionSql.CitextExists, connection);
        await using (command.ConfigureAwait(false))
        {
            exists = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
        }

        if (exists)
        {
            await ReloadAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reloads the types of the pool of <paramref name="connection"/> (open) and retires the pool's other connections,
    /// which keep the types they were opened with; <paramref name="connection"/> itself is closed when it returns to the pool.
    /// </summary>
    /// <exception cref="NpgsqlException">The server failed the reload.</exception>
    public static async Task ReloadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await connection.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);
        NpgsqlConnection.ClearPool(connection);
        Current[connection.ConnectionString] = true;
    }

    /// <summary>Whether the types Npgsql loaded for this connection include citext (read from Npgsql's own list).</summary>
    private static async Task<bool> KnowsCitextAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using var types = await connection.GetSchemaAsync("DataTypes", cancellationToken).ConfigureAwait(false);
        foreach (DataRow row in types.Rows)
        {
            if (string.Equals(row["TypeName"] as string, CitextTypeName, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
