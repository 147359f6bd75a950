using System.Data.Common;

namespace BookData.Cli.Hosting;

/// <summary>Turns a failed command into one sentence on standard error and an exit code.</summary>
internal static class ErrorReport
{
    /// <summary>The exit code for an exception.</summary>
    /// <param name="exception">What the command threw.</param>
    /// <returns>One of <see cref="ExitCodes"/>.</returns>
    public static int ExitCodeFor(Exception exception) => exception switch
    {
        CliUsageException => ExitCodes.Usage,
        CliInputException => ExitCodes.BadInput,
        BookDataDatabaseException or BookDataMigrationException => ExitCodes.Database,
        BookDataException => ExitCodes.BadInput,
        DbException => ExitCodes.Database,
        OperationCanceledException => ExitCodes.Interrupted,
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => ExitCodes.BadInput,
        _ => ExitCodes.Database,
    };

    /// <summary>Writes the error and returns the exit code.</summary>
    /// <param name="console">Where the message goes (standard error).</param>
    /// <param name="exception">What the command threw.</param>
    /// <param name="verbose"><see langword="true"/> to add the full exception with its stack trace.</param>
    /// <returns>The exit code for <paramref name="exception"/>.</returns>
    public static int Write(CliConsole console, Exception exception, bool verbose)
    {
        var message = exception switch
        {
            OperationCanceledException => "Interrupted before the command finished; nothing was left half-written.",
            BookDataException => InCliTerms(exception.Message),
            CliUsageException or CliInputException or DbException => exception.Message,
            IOException or UnauthorizedAccessException => exception.Message,
            _ => $"Unexpected {exception.GetType().Name}: {exception.Message}",
        };

        console.Error.WriteLine($"error: {FirstLine(message)}");
        if (verbose)
        {
            console.Error.WriteLine(exception.ToString());
        }

        return ExitCodeFor(exception);
    }

    /// <summary>
    /// The library names its settings as an application configures them (<c>BookData:BusyTimeout</c>); the tool's
    /// user sets them with its own options and environment variables, which the message names instead.
    /// </summary>
    private static string InCliTerms(string message) => message
        .Replace("set BookData:AllowChangedMigrations to accept it", "run 'bookdata migrate --allow-changed' to accept it", StringComparison.Ordinal)
        .Replace("BookData:BusyTimeout", CommandContext.BusyTimeoutEnvironmentVariable, StringComparison.Ordinal)
        .Replace("BookData:JournalMode Delete", CommandContext.JournalModeEnvironmentVariable + "=delete", StringComparison.Ordinal)
        .Replace("BookData:JournalMode", CommandContext.JournalModeEnvironmentVariable, StringComparison.Ordinal)
        .Replace("BookData:ReadConnectionString", $"--read-connection ({DatabaseLocation.ReadConnectionEnvironmentVariable})", StringComparison.Ordinal);

    /// <summary>
    /// The message's first line: a server's error can carry further lines (PostgreSQL's DETAIL and HINT),
    /// which <c>--verbose</c> prints with the full exception.
    /// </summary>
    private static string FirstLine(string message)
    {
        var end = message.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? message : message[..end].TrimEnd();
    }
}
