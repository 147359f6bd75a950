using System.Data.Common;
using BookData.Diagnostics;
using Microsoft.Extensions.Logging;

namespace BookData.Connections;

/// <summary>
/// Runs the steps that tidy up after an operation (a rollback, a setting put back, a lock released, a partial file
/// deleted) so that they never replace the operation's own outcome: the error in flight, or the success already
/// committed. A step that fails is logged as a warning (when there is a logger) and otherwise ignored.
/// </summary>
/// <remarks>
/// Every <c>finally</c> block and <c>DisposeAsync</c> in the library that runs SQL or touches files after a
/// possible failure goes through here; the one place where that rule lives.
/// </remarks>
internal static class Cleanup
{
    /// <summary>Runs <paramref name="step"/>; a database, I/O or state error it throws is logged, not thrown.</summary>
    /// <param name="step">The cleanup.</param>
    /// <param name="what">What the step does, for the log: for example "putting the page cache back".</param>
    /// <param name="dataSource">The database, as messages name it.</param>
    /// <param name="logger">Where a failure is logged; none when <see langword="null"/>.</param>
    public static void Quietly(Action step, string what, string dataSource, ILogger? logger)
    {
        try
        {
            step();
        }
        catch (Exception ex) when (IsCleanupFailure(ex))
        {
            Log(ex, what, dataSource, logger);
        }
    }

    /// <summary>Runs <paramref name="step"/>; a database, I/O or state error it throws is logged, not thrown.</summary>
    /// <param name="step">The cleanup.</param>
    /// <param name="what">What the step does, for the log.</param>
    /// <param name="dataSource">The database, as messages name it.</param>
    /// <param name="logger">Where a failure is logged; none when <see langword="null"/>.</param>
    /// <returns>A task that completes when the step has run or failed.</returns>
    public static async Task QuietlyAsync(Func<Task> step, string what, string dataSource, ILogger? logger)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCleanupFailure(ex))
        {
            Log(ex, what, dataSource, logger);
        }
    }

    /// <summary>Deletes <paramref name="path"/> if it exists; a failure is logged, not thrown.</summary>
    /// <param name="path">The file.</param>
    /// <param name="dataSource">The database the file belongs to, for the log.</param>
    /// <param name="logger">Where a failure is logged; none when <see langword="null"/>.</param>
    public static void DeleteFile(string path, string dataSource, ILogger? logger) =>
        Quietly(() => File.Delete(path), $"deleting '{path}'", dataSource, logger);

    /// <summary>
    /// The failures a cleanup step may meet and the operation's outcome outranks. Anything else (out of memory, a
    /// bug's <see cref="NullReferenceException"/>) still surfaces.
    /// </summary>
    private static bool IsCleanupFailure(Exception ex) =>
        ex is DbException or InvalidOperationException or IOException or UnauthorizedAccessException or BookDataException or OperationCanceledException or TimeoutException;

    private static void Log(Exception ex, string what, string dataSource, ILogger? logger)
    {
        if (logger is not null)
        {
            BookDataLog.CleanupFailed(logger, dataSource, what, ex.Message, ex);
        }
    }
}
