using System.Net;
using CryptoViz.Web.Feed;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoViz.Tests.Web;

/// <summary>The Web app on a real Kestrel port (a browser needs a socket), reading its prices from <paramref name="stream"/>.</summary>
/// <remarks>Without <paramref name="ingest"/> or <paramref name="scraper"/>, that service is unreachable, as when it is down.</remarks>
internal sealed class WebAppFactory(Uri stream, Uri? ingest = null, Uri? scraper = null) : WebApplicationFactory<StreamFeedOptions>
{
    /// <summary>Starts Kestrel and returns the base address, with a trailing slash.</summary>
    public string Start()
    {
        // An endpoint of its own rather than UseKestrel(port): with a port the factory rewrites the server's addresses
        // after building the app, racing Kestrel's bind ("Addresses cannot be modified after the server has started").
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        StartServer();
        return Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration(config =>
        {
            config.AddInMemoryCollection(FeedHost.Settings(stream));
            if (ingest is not null)
            {
                config.AddInMemoryCollection([new("services:ingest:http:0", ingest.ToString())]);
            }

            if (scraper is not null)
            {
                config.AddInMemoryCollection([new("services:scraper:http:0", scraper.ToString())]);
            }
        });
}
