namespace BookData.Files;

/// <summary>
/// The file a path names, as the operating system and SQLite find it: every symbolic link in it followed, in the
/// folders as well as the file, and each <c>..</c> taken from the folder reached so far (so <c>link/../x</c> is
/// <c>x</c> beside the link's target, not beside the link). SQLite does the same before it names a database's
/// write-ahead log and shared-memory file, so two spellings that reach one file resolve to one path. A part that
/// does not exist yet is kept as written. Hard links are not links here: a file with two names is, to SQLite as
/// to this, two databases.
/// </summary>
internal static class LinkedPath
{
    /// <summary>The most links followed in one path, as Linux allows (<c>ELOOP</c> beyond it).</summary>
    private const int MostLinks = 40;

    /// <summary>The absolute path of the file <paramref name="path"/> names, with every symbolic link followed.</summary>
    /// <exception cref="IOException">A link cannot be read, or the path has more than 40 links (a loop).</exception>
    public static string Resolve(string path)
    {
        var links = 0;
        return Walk(Path.IsPathRooted(path) ? path : Path.Combine(Environment.CurrentDirectory, path), ref links, path);
    }

    /// <summary>Like <see cref="Resolve"/>, but the full path as written when a link cannot be followed (SQLite's open then says why).</summary>
    public static string ResolveOrKeep(string path)
    {
        try
        {
            return Resolve(path);
        }
        catch (IOException)
        {
            return Path.GetFullPath(path);
        }
        catch (UnauthorizedAccessException)
        {
            return Path.GetFullPath(path);
        }
    }

    private static string Walk(string absolute, ref int links, string asGiven)
    {
        var root = Path.GetPathRoot(absolute) ?? "";
        var current = root;
        var parts = absolute[root.Length..].Split(
            [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                // The parent of the folder reached, links already followed: as the operating system does.
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MostLinks)
            {
                throw new IOException($"'{asGiven}' leads through more than {MostLinks} symbolic links (a loop).");
            }

            // A relative target starts from the link's folder; the target is walked too, then what followed the link.
            current = Walk(Path.IsPathRooted(target) ? target : Path.Combine(current, target), ref links, asGiven);
        }

        return current;
    }
}
