using System.Net;
using System.Net.Sockets;

namespace CryptoViz.Bench.Footprint;

/// <summary>
/// What the footprint run measures and where. The services' ports default to their launch profiles' (the AppHost
/// keeps them, and takes <c>Ports:&lt;resource&gt;=N</c> to move one); the dashboard's and its OTLP endpoint's come from
/// the AppHost's launch profile (15888, 19888), moved by <c>ASPNETCORE_URLS=…</c> and
/// <c>ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=…</c> on its command line (the launch profile overrides the environment).
/// </summary>
internal sealed record FootprintOptions(
    string Configuration,
    TimeSpan Duration,
    TimeSpan Window,
    int Samples,
    TimeSpan HealthTimeout,
    IReadOnlyDictionary<string, int> ServicePorts,
    int? DashboardPort,
    int? OtlpPort,
    string? DataDirectory,
    string? BrowserPage,
    string BrowserExecutable)
{
    /// <summary>The AppHost's resource names, which are also the <c>Ports:</c> keys, and the services' launch-profile ports.</summary>
    public static readonly IReadOnlyList<(string Service, string Resource, int Port)> Services =
    [
        ("Scraper", "scraper", 5090),
        ("Ingest", "ingest", 5080),
        ("Stream", "stream", 5000),
        ("Web", "web", 8501),
    ];

    private const int LaunchProfileDashboardPort = 15888;
    private const int LaunchProfileOtlpPort = 19888;

    public static FootprintOptions From(BenchArgs args)
    {
        var free = args.Has("free-ports");
        int? Port(string name, int fallback) => args.GetString(name) is not null ? args.GetInt(name, fallback) : free ? FreePort() : null;

        return new FootprintOptions(
            args.GetString("configuration") ?? "Debug",
            TimeSpan.FromMinutes(args.GetDouble("minutes", 4)),
            TimeSpan.FromSeconds(args.GetInt("window", 30)),
            Math.Max(1, args.GetInt("samples", 7)),
            TimeSpan.FromSeconds(args.GetInt("health-timeout", 300)),
            Services.ToDictionary(s => s.Resource, s => Port($"{s.Resource}-port", s.Port) ?? s.Port),
            Port("dashboard-port", LaunchProfileDashboardPort),
            Port("otlp-port", LaunchProfileOtlpPort),
            args.GetString("data-dir"),
            args.Has("browser") ? args.GetString("page") ?? "/" : null,
            args.GetString("chromium") ?? "/usr/bin/chromium");
    }

    /// <summary>Every port the run will listen on, as (what, port).</summary>
    public IEnumerable<(string Name, int Port)> AllPorts() =>
    [
        .. Services.Select(s => (s.Service, ServicePorts[s.Resource])),
        ("dashboard", DashboardPort ?? LaunchProfileDashboardPort),
        ("dashboard OTLP", OtlpPort ?? LaunchProfileOtlpPort),
    ];

    /// <summary>Configuration for the AppHost's command line (after <c>--</c>).</summary>
    public IEnumerable<string> AppHostArguments(string dataDirectory)
    {
        yield return $"DuckDB:DataDirectory={dataDirectory}";
        foreach (var service in Services.Where(s => ServicePorts[s.Resource] != s.Port))
        {
            yield return $"Ports:{service.Resource}={ServicePorts[service.Resource]}";
        }

        if (DashboardPort is { } dashboard) yield return $"ASPNETCORE_URLS=http://localhost:{dashboard}";
        if (OtlpPort is { } otlp) yield return $"ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://localhost:{otlp}";
    }

    /// <summary>The ports something already listens on (on loopback, where the AppHost binds them).</summary>
    public IReadOnlyList<string> BusyPorts() => [.. AllPorts().Where(p => !IsFree(p.Port)).Select(p => $"{p.Name} {p.Port}")];

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
