namespace CryptoViz.Stream.Hub;

/// <summary>The hub's counters at one moment, as <c>/stats</c> and heartbeats report them.</summary>
internal readonly record struct StreamCounters(
    int ConnectedClients,
    long MessagesSent,
    long DroppedEvents,
    long SlowClientsDisconnected,
    double EventsPerSecond,
    TimeSpan SlowestClientLag,
    DateTimeOffset? LastDataReceived);
