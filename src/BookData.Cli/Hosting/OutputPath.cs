using BookData.Files;

namespace BookData.Cli.Hosting;

/// <summary>
/// The rule for the file argument of every command that writes a file (<c>export</c>, <c>backup</c>): checked by
/// the library's <see cref="OutputFile.Resolve"/> (never the catalog's database or the files beside it, only a
/// regular file, symbolic links followed), in a folder that exists and this user may create files in (exit code 1
/// otherwise, for every such command), and never replacing an existing file without <c>--force</c>.
/// </summary>
internal static class OutputPath
{
    /// <summary>The file argument that means standard output, where a command supports it: <c>-</c>.</summary>
    public const string StandardOutput = "-";

    /// <summary>Checks the file a command was asked to write and returns the file to create or replace.</summary>
    /// <param name="context">The command's context; its catalog is the database that must not be overwritten.</param>
    /// <param name="path">The file argument, as given.</param>
    /// <param name="force"><see langword="true"/> when <c>--force</c> allows replacing an existing file.</param>
    /// <returns>The full path of the file to write (the target of a symbolic link).</returns>
    /// <exception cref="CliUsageException">
    /// The path is refused, its folder is missing or not writable for this user, or the file exists and
    /// <paramref name="force"/> is <see langword="false"/>.
    /// </exception>
    public static string Check(CommandContext context, string path, bool force)
    {
        string target;
        try
        {
            target = OutputFile.Resolve(path, context.Connections);
        }
        catch (BookDataValidationException ex)
        {
            throw new CliUsageException(ex.Message, ex);
        }

        var folder = Path.GetDirectoryName(target);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new CliUsageException($"The folder '{folder}' of '{path}' does not exist; create it first or choose another file.");
        }

        if (folder is not null && BookData.Connections.ReadOnlyFolder.IsReadOnly(folder))
        {
            // The file is written under a temporary name in its folder and moved into place: the folder must be writable.
            throw new CliUsageException(
                $"'{path}' cannot be written: this user may not create files in its folder '{folder}' (permission denied). Choose a folder you may write to.");
        }

        if (File.Exists(target) && !force)
        {
            throw new CliUsageException($"'{path}' already exists; choose a new file or pass --force to replace it.");
        }

        return target;
    }

    /// <summary>
    /// Refuses to write to standard output (<c>-</c>) when it is redirected to the catalog's database or a file
    /// beside it (<c>export - 1&lt;&gt;catalog.db</c>), with the message a path to that file gets.
    /// </summary>
    /// <param name="context">The command's context.</param>
    /// <exception cref="CliUsageException">Standard output is one of the catalog's files.</exception>
    public static void CheckStandardOutput(CommandContext context)
    {
        if (context.Console.StandardOutputHandle is not { } handle)
        {
            return;
        }

        try
        {
            OutputFile.ThrowIfCatalogFile(handle, $"'{StandardOutput}' (standard output)", context.Connections);
        }
        catch (BookDataValidationException ex)
        {
            throw new CliUsageException(ex.Message, ex);
        }
    }
}
