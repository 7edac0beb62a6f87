namespace CryptoViz.Stream.Kafka;

/// <summary>V2's <c>redpanda_status</c>.</summary>
public enum BrokerStatus
{
    Disconnected,
    Connected,
    Error,
}
