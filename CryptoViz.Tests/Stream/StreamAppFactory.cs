using System.Net;
using CryptoViz.Stream;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoViz.Tests.Stream;

/// <summary>The Stream service on Kestrel (a real port, so responses really stream) against an embedded broker.</summary>
internal sealed class StreamAppFactory : WebApplicationFactory<StreamOptions>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _configureServices;

    private StreamAppFactory(string bootstrapServers, IReadOnlyDictionary<string, string?>? settings, string environment,
        Action<IServiceCollection>? configureServices)
    {
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = bootstrapServers,
            // The mock broker holds an empty fetch for the whole wait, even when data arrives.
            ["Aspire:Confluent:Kafka:Consumer:Config:FetchWaitMaxMs"] = "10",
            ["Logging:LogLevel:Default"] = "Warning",
            // librdkafka reports every refused connection; the tests that cause them assert on /health instead.
            ["Logging:LogLevel:CryptoViz.Kafka"] = "Error",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        _environment = environment;
        _configureServices = configureServices;
        // An endpoint of its own rather than UseKestrel(port): with a port the factory rewrites the server's addresses
        // after building the app, racing Kestrel's bind ("Addresses cannot be modified after the server has started").
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
    }

    public Uri Address { get; private set; } = null!;

    public static StreamAppFactory Start(string bootstrapServers, IReadOnlyDictionary<string, string?>? settings = null,
        string environment = "Development", Action<IServiceCollection>? configureServices = null)
    {
        var factory = new StreamAppFactory(bootstrapServers, settings, environment, configureServices);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        factory.Address = new Uri(addresses.Addresses.First());
        return factory;
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = Address, Timeout = Timeout.InfiniteTimeSpan };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_configureServices is not null) builder.ConfigureServices(_configureServices);
    }
}
