namespace CryptoViz.Stream.Kafka;

/// <summary>What the broker consumer is doing, written by its thread and read by <c>/health</c>, <c>/stats</c> and heartbeats.</summary>
/// <param name="broker">Which kind of broker it reads (<see cref="ServiceDefaults.KafkaDiagnostics.KafkaBroker"/>), null when not told.</param>
public sealed class ConsumerState(string groupId, string? broker)
{
    private volatile BrokerStatus _status = BrokerStatus.Disconnected;
    private volatile int _assignedPartitions;

    /// <summary>This instance's own group: never shared, so every instance sees every event.</summary>
    public string GroupId { get; } = groupId;

    /// <summary>The kind of broker the AppHost said it started: embedded, redpanda or external; null when not told.</summary>
    public string? Broker { get; } = broker;

    public BrokerStatus Status => _status;

    /// <summary>Partitions are assigned and the broker answered last time it was asked.</summary>
    public bool IsStreaming => _status == BrokerStatus.Connected && _assignedPartitions > 0;

    public string StatusText => _status switch
    {
        BrokerStatus.Connected => "connected",
        BrokerStatus.Error => "error",
        _ => "disconnected",
    };

    internal void Assigned(int partitions)
    {
        _assignedPartitions = partitions;
        _status = BrokerStatus.Connected;
    }

    internal void Receiving()
    {
        if (_assignedPartitions > 0) _status = BrokerStatus.Connected;
    }

    internal void Failed() => _status = BrokerStatus.Error;

    internal void Stopped()
    {
        _assignedPartitions = 0;
        _status = BrokerStatus.Disconnected;
    }
}
