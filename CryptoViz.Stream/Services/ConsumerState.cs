namespace CryptoViz.Stream.Services;

/// <summary>What the broker consumer is doing, written by its thread and read by <c>/health</c>, <c>/stats</c> and heartbeats.</summary>
public sealed class ConsumerState(string groupId)
{
    private volatile BrokerStatus _status = BrokerStatus.Disconnected;
    private volatile int _assignedPartitions;

    /// <summary>This instance's own group: never shared, so every instance sees every event.</summary>
    public string GroupId { get; } = groupId;

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
