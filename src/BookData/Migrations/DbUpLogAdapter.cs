using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;

namespace BookData.Migrations;

/// <summary>
/// Sends DbUp's own narration to an <see cref="ILogger"/> at <see cref="LogLevel.Debug"/> (warnings stay
/// warnings). The migrator writes the entries people read: one per applied script, and a failure is
/// thrown as <see cref="BookDataMigrationException"/> rather than logged here.
/// </summary>
internal sealed class DbUpLogAdapter(ILogger logger) : IUpgradeLog
{
    public void LogTrace(string format, params object[] args) => Write(LogLevel.Trace, null, format, args);

    public void LogDebug(string format, params object[] args) => Write(LogLevel.Debug, null, format, args);

    public void LogInformation(string format, params object[] args) => Write(LogLevel.Debug, null, format, args);

    public void LogWarning(string format, params object[] args) => Write(LogLevel.Warning, null, format, args);

    public void LogError(string format, params object[] args) => Write(LogLevel.Debug, null, format, args);

    public void LogError(Exception ex, string format, params object[] args) => Write(LogLevel.Debug, ex, format, args);

    private void Write(LogLevel level, Exception? exception, string format, object[] args)
    {
        if (!logger.IsEnabled(level))
        {
            return;
        }

        var message = args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
        logger.Log(level, default, message, exception, static (text, _) => text);
    }
}
