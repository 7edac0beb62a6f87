namespace CryptoViz.AppHost.Kafka;

/// <summary>A topic the app model declares, created before any dependent starts.</summary>
public sealed record KafkaTopic(string Name, int Partitions);
