using System.Net;
using BookData.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace BookData.Web.Tests.Browser;

/// <summary>The application on a real Kestrel server on 127.0.0.1 and a free port, for a real browser.</summary>
public sealed class KestrelAppFactory : CatalogAppFactory
{
    public KestrelAppFactory()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Starts the server and returns its address, for example <c>http://127.0.0.1:41234</c>.</summary>
    public Uri StartAndGetAddress()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.Single(address => address.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
    }
}
