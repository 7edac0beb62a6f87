using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CryptoViz.Stream;

/// <summary>
/// The Stream's spans and counters. Named after the service ("CryptoViz.Stream") because ServiceDefaults
/// subscribes to the source and meter that carry the application name.
/// </summary>
public sealed class StreamTelemetry
{
    public const string Name = "CryptoViz.Stream";

    internal static readonly ActivitySource Source = new(Name);

    public StreamTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        Received = meter.CreateCounter<long>("cryptoviz.stream.records.received", "{record}", "Valid records taken from the broker");
        Invalid = meter.CreateCounter<long>("cryptoviz.stream.records.invalid", "{record}", "Records skipped because they failed validation");
        Failed = meter.CreateCounter<long>("cryptoviz.stream.records.failed", "{record}", "Records whose processing threw, and consume errors");
        Delivered = meter.CreateCounter<long>("cryptoviz.stream.events.delivered", "{event}", "crypto_update events written to clients, one per client");
        Dropped = meter.CreateCounter<long>("cryptoviz.stream.events.dropped", "{event}", "Pending events a client never got: superseded by a newer tick or discarded at disconnect");
        Evicted = meter.CreateCounter<long>("cryptoviz.stream.clients.evicted", "{client}", "Clients disconnected for falling behind");
        Connected = meter.CreateUpDownCounter<long>("cryptoviz.stream.clients.connected", "{client}", "Open /stream connections");
        SnapshotKeys = meter.CreateUpDownCounter<long>("cryptoviz.stream.snapshot.keys", "{key}", "Keys in the snapshot a new client is sent first");
        SnapshotEvicted = meter.CreateCounter<long>("cryptoviz.stream.snapshot.evicted", "{key}",
            "Least recently updated keys dropped from the snapshot to stay within Stream:MaxSnapshotKeys");
    }

    public Counter<long> Received { get; }

    public Counter<long> Invalid { get; }

    public Counter<long> Failed { get; }

    public Counter<long> Delivered { get; }

    public Counter<long> Dropped { get; }

    public Counter<long> Evicted { get; }

    public UpDownCounter<long> Connected { get; }

    public UpDownCounter<long> SnapshotKeys { get; }

    public Counter<long> SnapshotEvicted { get; }
}
