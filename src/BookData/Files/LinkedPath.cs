namespace BookData.Files;

/// <summary>
/// A path with every symbolic link in it followed, in the folders as well as the file, as SQLite does before it
/// names a database's write-ahead log and shared-memory file: two spellings that reach one file through links
/// resolve to one path. A part that does not exist yet is kept as written. Hard links are not links here: a file
/// with two names is, to SQLite as to this, two databases.
/// </summary>
internal static class LinkedPath
{
    /// <summary>The most links followed in one path, as Linux allows (<c>ELOOP</c> beyond it).</summary>
    private const int MostLinks = 40;

    /// <summary>The full path of <paramref name="path"/> with every symbolic link in it followed.</summary>
    /// <exception cref="IOException">A link cannot be read, or the path has more than 40 links (a loop).</exception>
    public static string Resolve(string path)
    {
        var links = 0;
        var full = Path.GetFullPath(path);
        while (true)
        {
            var root = Path.GetPathRoot(full) ?? "";
            var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var current = root;
            var followed = false;
            for (var i = 0; i < parts.Length && !followed; i++)
            {
                var next = Path.Combine(current, parts[i]);
                if (new FileInfo(next).LinkTarget is not { } target)
                {
                    current = next;
                    continue;
                }

                if (++links > MostLinks)
                {
                    throw new IOException($"'{path}' leads through more than {MostLinks} symbolic links (a loop).");
                }

                // A relative target is relative to the link's folder; what follows the link comes after its target.
                full = Path.GetFullPath(Path.Combine([Path.GetFullPath(target, current), .. parts[(i + 1)..]]));
                followed = true;
            }

            if (!followed)
            {
                return current;
            }
        }
    }
}
