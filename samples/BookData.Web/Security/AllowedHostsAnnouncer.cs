namespace BookData.Web.Security;

/// <summary>
/// Warns once at startup, outside Development, when <c>AllowedHosts</c> accepts any host (<c>*</c>) or is not
/// set: requests then carry whatever <c>Host</c> a client sends. The sample's <c>appsettings.json</c> allows
/// only <c>localhost</c>; a deployment names its own host names there or in <c>AllowedHosts</c>.
/// </summary>
internal sealed partial class AllowedHostsAnnouncer(IConfiguration configuration, IHostEnvironment environment, ILogger<AllowedHostsAnnouncer> logger)
    : IHostedService
{
    /// <summary>The setting read by ASP.NET Core's host filtering: <c>AllowedHosts</c>.</summary>
    public const string SettingName = "AllowedHosts";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var allowed = configuration[SettingName];
        if (!environment.IsDevelopment() && (string.IsNullOrWhiteSpace(allowed) || allowed.Split(';').Any(host => host.Trim() == "*")))
        {
            LogAnyHost(logger, allowed ?? "");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(
        EventId = 2,
        EventName = "AnyHostAllowed",
        Level = LogLevel.Warning,
        Message = "AllowedHosts is '{AllowedHosts}', so any Host header is accepted; set AllowedHosts to this site's host names, separated by ';' (for example books.example.com;www.books.example.com).")]
    private static partial void LogAnyHost(ILogger logger, string allowedHosts);
}
