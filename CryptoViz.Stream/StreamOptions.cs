using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Stream;

/// <summary>
/// Settings of the SSE server, bound from <c>Stream</c>. Public so that tests can name it as
/// <c>WebApplicationFactory</c>'s entry point: every service's <c>Program</c> is <c>global::Program</c>.
/// </summary>
public sealed class StreamOptions
{
    public const string SectionName = "Stream";

    /// <summary>Idle time after which a client gets a <c>heartbeat</c> (V2: 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sent as the <c>retry:</c> line: how long an EventSource waits before reconnecting.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Events a client may have pending, the latest per (symbol, source) once it falls behind; a client that would need
    /// more distinct ones is disconnected. Its queue never takes more than twice this in list slots (8 bytes each).
    /// </summary>
    [Range(1, 1_000_000)]
    public int ClientQueueCapacity { get; set; } = 1024;

    /// <summary>
    /// Bytes of a client's output that may wait unsent in Kestrel before its writer waits for the client (Kestrel's
    /// default: 64 KiB). That output lies in blocks of Kestrel's memory pool, which keeps the blocks it once lent and
    /// gives few back, so this, plus one 4 KiB slice, is also what a burst to every client leaves resident per client.
    /// </summary>
    [Range(4096, 1024 * 1024)]
    public int ClientWriteBufferSize { get; set; } = 16 * 1024;

    /// <summary>
    /// Whether a client's writer sends on its own thread rather than through Kestrel's I/O queue (the socket transport's
    /// <c>UnsafePreferInlineScheduling</c>): a thread-pool hop less per client per event. Off only to compare (bench fanout).
    /// </summary>
    public bool InlineSends { get; set; } = true;

    /// <summary>How long a client may take no event at all while events wait for it before it is disconnected.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan SlowClientTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Recent events kept for clients that reconnect with <c>Last-Event-ID</c>.</summary>
    [Range(1, 1_000_000)]
    public int ReplayBufferSize { get; set; } = 4096;

    /// <summary>
    /// Keys (symbol, source, and horizon for forecasts) the snapshot for new clients holds; past it the least recently
    /// updated key goes. Today's live data has ~80 (20 coins × 4 sources), so the default leaves ample room.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxSnapshotKeys { get; set; } = 10_000;

    /// <summary>
    /// Connections beyond this get 503, so that a flood cannot exhaust memory. One instance serves 10,000 clients at
    /// 10 events/s within its latency target (bench fanout), so the cap leaves half as much again above that for bursts of
    /// reconnects; 15,000 clients at ~50 KB each (bench idle) beside Stream's own ~140 MiB stay within the 1 Gi it is
    /// published with.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxClients { get; set; } = 15_000;

    /// <summary>How often the consumer re-reads topic metadata to pick up added partitions and notice a lost broker.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Maps V2's <c>/test</c> broadcast, in any environment; off unless configured.</summary>
    public bool EnableTestEndpoint { get; set; }

    /// <summary>
    /// Browser origins allowed to read <c>/stream</c>, <c>/stats</c> and <c>/health</c> cross-origin. Empty (the default)
    /// or <c>*</c>: any origin, without credentials, as V2 answered.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    public bool AllowsAnyOrigin => AllowedOrigins.Length == 0 || AllowedOrigins.Contains("*");
}
