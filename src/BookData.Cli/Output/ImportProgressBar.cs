using System.Globalization;
using BookData.Import;
using Spectre.Console;

namespace BookData.Cli.Output;

/// <summary>A progress bar for a CSV import, shown only when standard output is a terminal.</summary>
internal static class ImportProgressBar
{
    /// <summary>Runs <paramref name="import"/>, with a live progress bar on an interactive terminal and without one otherwise.</summary>
    /// <param name="console">Where the bar is drawn.</param>
    /// <param name="show"><see langword="true"/> to draw the bar (a terminal, and no machine-readable output asked for).</param>
    /// <param name="import">Runs the import, reporting to the progress it is given (<see langword="null"/> when no bar is shown).</param>
    /// <returns>The import's summary.</returns>
    public static async Task<ImportSummary> RunAsync(
        IAnsiConsole console,
        bool show,
        Func<IProgress<ImportProgress>?, Task<ImportSummary>> import)
    {
        if (!show)
        {
            return await import(null).ConfigureAwait(false);
        }

        ImportSummary? summary = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Importing", maxValue: 1);
                task.IsIndeterminate = true;
                summary = await import(new CallbackProgress<ImportProgress>(progress =>
                {
                    if (progress.TotalBytes is > 0 and { } total)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = total;
                        task.Value = progress.BytesRead;
                    }

                    task.Description = string.Create(CultureInfo.InvariantCulture, $"Importing: {progress.RowsRead:N0} rows");
                })).ConfigureAwait(false);
                task.Value = task.MaxValue;
                task.StopTask();
            }).ConfigureAwait(false);
        return summary!;
    }
}
