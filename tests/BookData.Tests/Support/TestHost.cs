using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BookData.Tests.Support;

/// <summary>Builds a generic host with no default configuration sources, logging into a <see cref="LogCollector"/>.</summary>
public static class TestHost
{
    public static IHost Build(LogCollector logs, Action<IServiceCollection> configureServices)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        configureServices(builder.Services);
        return builder.Build();
    }
}
