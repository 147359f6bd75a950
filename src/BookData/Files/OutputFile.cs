using BookData.Connections;
using BookData.Migrations;

namespace BookData.Files;

/// <summary>
/// The one rule for every file BookData writes at a caller's path (<see cref="Export.CatalogExporter"/>, the
/// command-line tool's <c>export</c> and <c>backup</c>): never the catalog's own database, and only a regular file.
/// </summary>
/// <remarks>
/// <para>
/// Files are compared by identity, not by spelling: on Linux by device and inode, on Windows by volume and
/// file index, so another spelling of the database's path (<c>dir/../dir/./catalog.db</c>), a symbolic link
/// to it and a hard link of it are all recognised. A path that does not exist yet is compared by its
/// folder's identity and its name. Elsewhere paths are compared after following links.
/// </para>
/// <para>
/// A symbolic link is followed: the file it finally points to is the one written (created if it is
/// missing), and the link itself stays. A folder, a FIFO, a device or a socket is refused: writers replace
/// the file through a temporary file moved into place, which would put a regular file in its stead.
/// </para>
/// </remarks>
public static class OutputFile
{
    /// <summary>The files SQLite and BookData keep beside a database file, as suffixes of its path.</summary>
    private static readonly string[] CatalogFileSuffixes = ["", "-wal", "-shm", "-journal", MigrationTarget.LockFileSuffix];

    /// <summary>
    /// Checks that a file may be written at <paramref name="path"/> and returns the file to write: the full
    /// path, or the file a symbolic link there finally points to.
    /// </summary>
    /// <param name="path">The file the caller asked to write.</param>
    /// <param name="catalog">The catalog whose files must not be overwritten.</param>
    /// <returns>The full path of the file to create or replace.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="catalog"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or white space.</exception>
    /// <exception cref="BookDataValidationException">
    /// <paramref name="path"/> names the catalog's SQLite database file or one of the files beside it
    /// (<c>-wal</c>, <c>-shm</c>, <c>-journal</c>, <c>.migrate.lock</c>) by any spelling or link; names a
    /// folder, a FIFO, a device or a socket; or is a symbolic link that cannot be followed (a loop).
    /// <see cref="BookDataValidationException.Field"/> is <c>path</c>; nothing was written.
    /// </exception>
    public static string Resolve(string path, BookDataConnectionFactory catalog)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(catalog);

        var target = FollowLinks(path);
        var described = string.Equals(target, Path.GetFullPath(path), StringComparison.Ordinal)
            ? $"'{path}'"
            : $"'{path}' (a link to '{target}')";
        var identity = FileIdentity.Read(target, out var kind);
        switch (kind)
        {
            case FileKind.Directory:
                throw new BookDataValidationException(nameof(path), $"{described} is a folder; give the path of a file to write.");
            case FileKind.Special:
                throw new BookDataValidationException(
                    nameof(path),
                    $"{described} is a FIFO, device or socket, not a regular file; BookData writes a file by moving a finished copy into place, so it writes only regular files.");
        }

        ThrowIfCatalogFile(catalog, described, catalogFile => IsSameFile(target, identity, kind, catalogFile));
        return target;
    }

    /// <summary>
    /// Refuses an open file (standard output redirected to a file, say) that is the catalog's SQLite database or
    /// one of the files beside it, with the message <see cref="Resolve"/> gives for a path.
    /// </summary>
    /// <param name="handle">The open file.</param>
    /// <param name="described">How the message names it, quoted: for example <c>'-' (standard output)</c>.</param>
    /// <param name="catalog">The catalog whose files must not be overwritten.</param>
    /// <exception cref="BookDataValidationException">The file is one of the catalog's; nothing was written.</exception>
    internal static void ThrowIfCatalogFile(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string described, BookDataConnectionFactory catalog)
    {
        if (FileIdentity.Read(handle) is not { } identity)
        {
            return;
        }

        ThrowIfCatalogFile(catalog, described, catalogFile => FileIdentity.Read(catalogFile, out _) == identity);
    }

    private static void ThrowIfCatalogFile(BookDataConnectionFactory catalog, string described, Func<string, bool> isSameFile)
    {
        foreach (var database in DatabaseFiles(catalog))
        {
            foreach (var suffix in CatalogFileSuffixes)
            {
                var catalogFile = database + suffix;
                if (isSameFile(catalogFile))
                {
                    throw new BookDataValidationException(
                        "path",
                        suffix.Length == 0
                            ? $"{described} is the catalog's database file '{database}'; writing it would destroy the catalog. Choose another file."
                            : $"{described} is '{catalogFile}', a file kept beside the catalog's database '{database}'; writing it would damage the catalog. Choose another file.");
                }
            }
        }
    }

    /// <summary>
    /// The message of an exception thrown while writing <paramref name="target"/> through
    /// <paramref name="temporaryPath"/>, naming the target instead of the temporary file.
    /// </summary>
    internal static string DescribeFailure(Exception exception, string temporaryPath, string target) =>
        exception.Message
            .Replace(temporaryPath, target, StringComparison.Ordinal)
            .Replace(Path.GetFileName(temporaryPath), Path.GetFileName(target), StringComparison.Ordinal);

    /// <summary>The full path with every symbolic link in it followed (<see cref="LinkedPath"/>).</summary>
    private static string FollowLinks(string path)
    {
        try
        {
            return LinkedPath.Resolve(path);
        }
        catch (IOException ex)
        {
            throw new BookDataValidationException(nameof(path), $"'{path}' is a symbolic link that cannot be followed: {ex.Message}", ex);
        }
    }

    /// <summary>The catalog's database file as configured and, when that is a link, the file it points to; none off SQLite files.</summary>
    private static IEnumerable<string> DatabaseFiles(BookDataConnectionFactory catalog)
    {
        if (catalog.Provider != BookDataProvider.Sqlite || catalog.IsInMemory
            || MigrationTarget.For(catalog).FilePath is not { } database)
        {
            return [];
        }

        var resolved = FollowLinks(database);
        return string.Equals(resolved, database, StringComparison.Ordinal) ? [database] : [database, resolved];
    }

    private static bool IsSameFile(string target, FileIdentity? targetIdentity, FileKind targetKind, string other)
    {
        var otherIdentity = FileIdentity.Read(other, out var otherKind);
        if (targetIdentity is not null && otherIdentity is not null)
        {
            return targetIdentity == otherIdentity;
        }

        if ((targetKind == FileKind.Missing) != (otherKind == FileKind.Missing))
        {
            return false;
        }

        if (targetKind == FileKind.Missing)
        {
            // Neither exists yet: the same name in the same folder, however the folder is spelled.
            var targetFolder = FileIdentity.Read(Path.GetDirectoryName(target) ?? target, out _);
            var otherFolder = FileIdentity.Read(Path.GetDirectoryName(other) ?? other, out _);
            if (targetFolder is not null && otherFolder is not null)
            {
                return targetFolder == otherFolder
                    && string.Equals(Path.GetFileName(target), Path.GetFileName(other), NameComparison);
            }
        }

        return string.Equals(target, FollowLinks(other), NameComparison);
    }

    /// <summary>Linux file systems tell names apart by case; Windows and macOS ones usually do not.</summary>
    private static StringComparison NameComparison =>
        OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
}
