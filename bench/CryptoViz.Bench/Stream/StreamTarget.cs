using CryptoViz.Bench.Footprint;
using CryptoViz.Hosting.Kafka;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// What a latency run talks to: a broker and SSE servers speaking V2's contract. By default both are ours (the embedded
/// broker, the built CryptoViz.Stream: <c>--replicas</c> instances, each reading every partition in a group of its own, as
/// replicas behind one address do); <c>--broker</c>, <c>--topic</c> and <c>--url</c> point the same run at any other
/// pair, e.g. the original V2 Flask server on its Redpanda.
/// </summary>
internal sealed class StreamTarget : IDisposable
{
    private readonly EmbeddedKafkaBroker? _broker;
    private readonly IReadOnlyList<StreamServerProcess> _servers;

    private StreamTarget(string bootstrapServers, string topic, IReadOnlyList<Uri> streamUrls, EmbeddedKafkaBroker? broker,
        IReadOnlyList<StreamServerProcess> servers)
    {
        BootstrapServers = bootstrapServers;
        Topic = topic;
        StreamUrls = streamUrls;
        _broker = broker;
        _servers = servers;
    }

    public string BootstrapServers { get; }

    /// <summary>The CPU time our Stream instances have used so far; null for a server given by <c>--url</c>.</summary>
    public TimeSpan? ServerCpu => _servers.Count == 0 ? null : _servers.Aggregate(TimeSpan.Zero, (sum, server) => sum + server.Cpu);

    /// <summary>Our (first) Stream's process id; null for a server given by <c>--url</c>.</summary>
    public int? ServerPid => _servers.Count == 0 ? null : _servers[0].Pid;

    /// <summary>Our Stream instances' resident memory now, in MiB; null for a server given by <c>--url</c>.</summary>
    public double? ServerRssMiB => _servers.Count == 0 ? null : _servers.Sum(s => ProcFs.TryReadMemory(s.Pid)?.RssKb ?? 0) / 1024.0;

    public string Topic { get; }

    /// <summary>Every instance's <c>/stream</c>; readers are spread over them in turn, as a round-robin balancer would.</summary>
    public IReadOnlyList<Uri> StreamUrls { get; }

    public Uri StreamUrl => StreamUrls[0];

    public string Description => _servers.Count switch
    {
        0 => StreamUrl.ToString(),
        1 => $"CryptoViz.Stream ({StreamUrl})",
        var n => $"{n} × CryptoViz.Stream ({string.Join(", ", StreamUrls)})",
    };

    /// <param name="environment">Runtime settings for our Stream's process (<see cref="StreamServerProcess.Start"/>).</param>
    public static async Task<StreamTarget> StartAsync(BenchArgs args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var topic = args.GetString("topic") ?? Topics.Streaming;
        var broker = args.GetString("broker") is null ? EmbeddedKafka.Start(topic, Topics.SeedPartitions) : null;
        var bootstrap = args.GetString("broker") ?? broker!.BootstrapServers;
        if (args.GetString("url") is { } url) return new StreamTarget(bootstrap, topic, [new Uri(url)], broker, []);

        // --stream-env A=1,B=2: runtime settings for Stream alone, e.g. to compare GC or thread-pool settings.
        var settings = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        foreach (var setting in args.GetString("stream-env")?.Split(',') ?? []) settings[setting[..setting.IndexOf('=')]] = setting[(setting.IndexOf('=') + 1)..];
        var dll = args.GetString("stream-dll") ?? StreamServerProcess.LocateDll();
        var servers = Enumerable.Range(0, args.GetInt("replicas", 1)).Select(replica => StreamServerProcess.Start(dll, bootstrap,
            Path.Combine(Path.GetTempPath(), $"cryptoviz-bench-stream-{Environment.ProcessId}{(replica == 0 ? "" : $"-{replica}")}.log"),
            settings)).ToList();
        foreach (var server in servers) await server.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        return new StreamTarget(bootstrap, topic, [.. servers.Select(s => new Uri(s.BaseAddress, "/stream"))], broker, servers);
    }

    public void Dispose()
    {
        foreach (var server in _servers) server.Dispose();
        _broker?.Dispose();
    }
}
