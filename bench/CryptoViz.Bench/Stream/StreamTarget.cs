using CryptoViz.Hosting.Kafka;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// What a latency run talks to: a broker and an SSE server speaking V2's contract. By default both are
/// ours (the embedded broker, the built CryptoViz.Stream); <c>--broker</c>, <c>--topic</c> and <c>--url</c>
/// point the same run at any other pair, e.g. the original V2 Flask server on its Redpanda.
/// </summary>
internal sealed class StreamTarget : IDisposable
{
    private readonly EmbeddedKafkaBroker? _broker;
    private readonly StreamServerProcess? _server;

    private StreamTarget(string bootstrapServers, string topic, Uri streamUrl, EmbeddedKafkaBroker? broker, StreamServerProcess? server)
    {
        BootstrapServers = bootstrapServers;
        Topic = topic;
        StreamUrl = streamUrl;
        _broker = broker;
        _server = server;
    }

    public string BootstrapServers { get; }

    /// <summary>The CPU time our Stream has used so far; null for a server given by <c>--url</c>.</summary>
    public TimeSpan? ServerCpu => _server?.Cpu;

    /// <summary>Our Stream's process id; null for a server given by <c>--url</c>.</summary>
    public int? ServerPid => _server?.Pid;

    public string Topic { get; }

    public Uri StreamUrl { get; }

    public string Description => _server is null ? StreamUrl.ToString() : $"CryptoViz.Stream ({StreamUrl})";

    /// <param name="environment">Runtime settings for our Stream's process (<see cref="StreamServerProcess.Start"/>).</param>
    public static async Task<StreamTarget> StartAsync(BenchArgs args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var topic = args.GetString("topic") ?? Topics.Streaming;
        var broker = args.GetString("broker") is null ? EmbeddedKafka.Start(topic, Topics.SeedPartitions) : null;
        var bootstrap = args.GetString("broker") ?? broker!.BootstrapServers;
        if (args.GetString("url") is { } url) return new StreamTarget(bootstrap, topic, new Uri(url), broker, null);

        var logPath = Path.Combine(Path.GetTempPath(), $"cryptoviz-bench-stream-{Environment.ProcessId}.log");
        var server = StreamServerProcess.Start(args.GetString("stream-dll") ?? StreamServerProcess.LocateDll(), bootstrap, logPath, environment);
        await server.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        return new StreamTarget(bootstrap, topic, new Uri(server.BaseAddress, "/stream"), broker, server);
    }

    public void Dispose()
    {
        _server?.Dispose();
        _broker?.Dispose();
    }
}
