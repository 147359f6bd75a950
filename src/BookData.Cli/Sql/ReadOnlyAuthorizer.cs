using SQLitePCL;

namespace BookData.Cli.Sql;

/// <summary>
/// A SQLite authorizer (<c>sqlite3_set_authorizer</c>) that lets a statement compile only when all it
/// does is read: SELECT, reading columns, calling functions, recursive CTEs and a few introspection
/// pragmas. Everything else (writes, schema changes, ATTACH, transactions, setting pragmas) is denied
/// while the statement is prepared, so it never runs. The first refusal is kept to explain it.
/// </summary>
internal sealed class ReadOnlyAuthorizer
{
    /// <summary>Pragmas that only report, allowed with or without an argument.</summary>
    private static readonly HashSet<string> IntrospectionPragmas = new(StringComparer.OrdinalIgnoreCase)
    {
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
        "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check",
        "collation_list", "database_list", "function_list", "module_list", "pragma_list", "compile_options",
    };

    /// <summary>Pragmas allowed only without an argument, which reads their value instead of setting it.</summary>
    private static readonly HashSet<string> ValuePragmas = new(StringComparer.OrdinalIgnoreCase)
    {
        "user_version", "schema_version", "application_id", "page_count", "page_size", "freelist_count",
        "journal_mode", "foreign_keys", "encoding", "data_version", "auto_vacuum", "max_page_count",
    };

    /// <summary>
    /// <see langword="true"/> once a pragma of the value list was allowed without an argument (<c>PRAGMA journal_mode</c>):
    /// it only reads, though SQLite does not mark it read-only because the same pragma with an argument writes.
    /// </summary>
    public bool IsValueRead { get; private set; }

    /// <summary>Why the last statement was denied, in words that finish "this statement would …"; <see langword="null"/> when nothing was denied.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The authorizer callback.</summary>
    /// <param name="userData">Unused.</param>
    /// <param name="actionCode">What the statement is about to do (<c>SQLITE_SELECT</c>, <c>SQLITE_INSERT</c>, …).</param>
    /// <param name="first">The action's first detail, for example a table or pragma name.</param>
    /// <param name="second">The action's second detail, for example a column name or pragma argument.</param>
    /// <param name="database">The schema the action touches, for example <c>main</c>.</param>
    /// <param name="triggerOrView">The innermost trigger or view responsible, if any.</param>
    /// <returns><c>SQLITE_OK</c> to allow the action, <c>SQLITE_DENY</c> to refuse the whole statement.</returns>
    public int Authorize(object userData, int actionCode, string first, string second, string database, string triggerOrView)
    {
        var refusal = Check(actionCode, first, second);
        if (refusal is null)
        {
            IsValueRead |= actionCode == raw.SQLITE_PRAGMA && second is null && ValuePragmas.Contains(first ?? "");
            return raw.SQLITE_OK;
        }

        Refusal ??= refusal;
        return raw.SQLITE_DENY;
    }

    private static string? Check(int actionCode, string? first, string? second)
    {
        switch (actionCode)
        {
            case raw.SQLITE_SELECT:
            case raw.SQLITE_READ:
            case raw.SQLITE_RECURSIVE:
                return null;
            case raw.SQLITE_FUNCTION:
                return string.Equals(second, "load_extension", StringComparison.OrdinalIgnoreCase)
                    ? "load an extension"
                    : null;
            case raw.SQLITE_PRAGMA:
                return IntrospectionPragmas.Contains(first ?? "") || (second is null && ValuePragmas.Contains(first ?? ""))
                    ? null
                    : second is null ? $"run PRAGMA {first}" : $"set PRAGMA {first} = {second}";
            case raw.SQLITE_INSERT or raw.SQLITE_UPDATE or raw.SQLITE_DELETE when IsSchemaTable(first):
                return "change the schema";
            case raw.SQLITE_INSERT:
                return $"insert into '{first}'";
            case raw.SQLITE_UPDATE:
                return $"update '{first}'";
            case raw.SQLITE_DELETE:
                return $"delete from '{first}'";
            case raw.SQLITE_ATTACH:
                return "attach another database";
            case raw.SQLITE_DETACH:
                return "detach a database";
            case raw.SQLITE_TRANSACTION:
            case raw.SQLITE_SAVEPOINT:
                return "control a transaction";
            default:
                return "change the database or its schema";
        }
    }

    private static bool IsSchemaTable(string? table) =>
        table is not null && table.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase)
        && (table.EndsWith("_master", StringComparison.OrdinalIgnoreCase) || table.EndsWith("_schema", StringComparison.OrdinalIgnoreCase));
}
