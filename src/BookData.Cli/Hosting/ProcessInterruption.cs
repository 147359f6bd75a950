using System.Runtime.InteropServices;

namespace BookData.Cli.Hosting;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancellation of the running command, which then stops at its
/// next check, removes what it had half-written, releases its locks and reports "Interrupted …" with exit code 130.
/// The process is never ended under the command's feet; a second signal ends it at once, as the operating system
/// would (what that leaves behind, the next backup or export to the same file removes).
/// </summary>
internal sealed class ProcessInterruption : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly PosixSignalRegistration[] registrations;
    private int signals;

    /// <summary>Starts listening for SIGINT and SIGTERM.</summary>
    public ProcessInterruption()
    {
        registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => cancellation.Token;

    /// <summary>The first signal received, if any.</summary>
    public PosixSignal? Signal { get; private set; }

    /// <summary>
    /// The exit code for a command's result: an interrupted command's 130 becomes 143 when SIGTERM stopped it, as
    /// a shell reports a process ended by that signal.
    /// </summary>
    /// <param name="exitCode">The command's exit code.</param>
    /// <returns>The process's exit code.</returns>
    public int ExitCodeFor(int exitCode) =>
        exitCode == ExitCodes.Interrupted && Signal == PosixSignal.SIGTERM ? 143 : exitCode;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        cancellation.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref signals) > 1)
        {
            // A second signal: the default action, which ends the process.
            return;
        }

        context.Cancel = true;
        Signal = context.Signal;
        cancellation.Cancel();
    }
}
