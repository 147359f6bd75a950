namespace BookData.Testing;

/// <summary>
/// Other names of a catalog's database file or its companions, for tests of the guard that keeps a command from
/// writing over them: the same path, a dotted path, links, and the <c>-wal</c>, <c>-shm</c> and <c>-journal</c> files.
/// </summary>
public static class DatabasePaths
{
    /// <summary>
    /// The path that names <paramref name="database"/> (or its companion) as <paramref name="spelling"/> says: "same
    /// path", "dotted path", "symbolic link", "hard link", "link to the folder", "link climbing out of a linked folder",
    /// "hard link of -wal", or a suffix
    /// such as "-wal" added to the database's path. Links are made in <paramref name="folder"/>.
    /// </summary>
    public static string PathFor(string spelling, string database, string folder)
    {
        var parent = Path.GetDirectoryName(database)!;
        var name = Path.GetFileName(database);
        switch (spelling)
        {
            case "same path":
                return database;
            case "dotted path":
                return Path.Combine(parent, "..", Path.GetFileName(parent), ".", name);
            case "symbolic link":
                var link = Path.Combine(folder, "catalog-link.db");
                File.CreateSymbolicLink(link, database);
                return link;
            case "hard link":
                var hard = Path.Combine(folder, "catalog-hard.db");
                FileLinks.CreateHardLink(hard, database);
                return hard;
            case "link to the folder":
                var folderLink = Path.Combine(folder, "data");
                Directory.CreateSymbolicLink(folderLink, parent);
                return Path.Combine(folderLink, name);
            case "link climbing out of a linked folder":
                // folder/deep -> <parent>/sub, and folder/climb.db -> deep/../<name>: to the operating system that is
                // <parent>/<name>, the database; read as text it would be folder/<name>.
                var sub = Directory.CreateDirectory(Path.Combine(parent, "sub")).FullName;
                Directory.CreateSymbolicLink(Path.Combine(folder, "deep"), sub);
                var climb = Path.Combine(folder, "climb.db");
                File.CreateSymbolicLink(climb, Path.Combine("deep", "..", name));
                return climb;
            case "hard link of -wal":
                var wal = Path.Combine(folder, "wal-hard");
                FileLinks.CreateHardLink(wal, database + "-wal");
                return wal;
            default:
                return database + spelling;
        }
    }
}
