using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoViz.Tests.Support;

/// <summary>
/// The real edge a test stands in for (a provider API, Stream, Ingest, an OTLP collector): Kestrel on
/// 127.0.0.1 with a port the kernel picks, so tests never collide on ports, and no logging of its own.
/// </summary>
internal static class LoopbackServer
{
    /// <summary>An app to map routes on before <c>StartAsync</c>.</summary>
    public static WebApplication Create()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    /// <summary>Where a started app listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/");
}
