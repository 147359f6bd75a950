namespace BookData.Web.Security;

/// <summary>Logs the generated editor key once at startup, so that writes are possible but never open by accident.</summary>
internal sealed partial class EditorKeyAnnouncer(EditorKey key, ILogger<EditorKeyAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (key.IsGenerated)
        {
            LogGeneratedKey(logger, key.Value);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(
        EventId = 1,
        EventName = "GeneratedEditorKey",
        Level = LogLevel.Warning,
        Message = "No BookData:ApiKey is configured; until the next restart, writes need this generated editor key: {EditorKey}")]
    private static partial void LogGeneratedKey(ILogger logger, string editorKey);
}
