using BookData.Files;

namespace BookData.Connections;

/// <summary>
/// The rule that a SQLite catalog is written through one name only. SQLite keeps a database's write-ahead log,
/// shared-memory index, rollback journal and locks by the file's name, so a file with two names (hard links) is two
/// databases to it: writers through different names do not see each other's locks or log, and a checkpoint or a
/// rollback through one name overwrites what was committed through the other (SQLite's "How To Corrupt Your
/// Database Files", section 2.6). Read-only connections change nothing and stay allowed.
/// </summary>
internal static class HardLinkedCatalog
{
    /// <summary>Where SQLite documents the rule.</summary>
    public const string SqliteRule = "https://www.sqlite.org/howtocorrupt.html#_multiple_links_to_the_same_file";

    /// <summary>Refuses a database file that has more than one name, before anything opens it for writing.</summary>
    /// <param name="filePath">The database file's full path (symbolic links are followed).</param>
    /// <param name="dataSource">The database as messages name it.</param>
    /// <exception cref="BookDataDatabaseException">The file has more than one hard link.</exception>
    public static void ThrowIfLinked(string filePath, string dataSource)
    {
        if (FileIdentity.LinkCount(filePath) is not { } links || links <= 1)
        {
            return;
        }

        var file = string.Equals(filePath, dataSource, StringComparison.Ordinal) ? "its file" : $"its file '{filePath}'";
        throw new BookDataDatabaseException(
            $"Cannot open database '{dataSource}' for writing: {file} has {links} hard links (names in the file system). "
            + "SQLite keeps the write-ahead log, the journal and the locks by name, so writers through different names do not see each other and lose or corrupt data "
            + $"({SqliteRule}). Keep one name: remove the other links (find them with: find / -xdev -samefile '{filePath}'), or copy the file instead of linking it. "
            + "Read-only connections may still open it.");
    }
}
