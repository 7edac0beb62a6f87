namespace CryptoViz.ServiceDefaults.Messaging;

/// <summary>The seed's topic names (seed contract §1) plus the ones CryptoViz adds.</summary>
public static class Topics
{
    public const string RawData = "crypto-raw-data";
    public const string Streaming = "crypto-streaming";
    public const string Predictions = "crypto-predictions";
    public const string DeadLetter = "crypto-dlq";

    /// <summary>The seed ran 3 partitions per topic; a key keeps its partition only while this holds.</summary>
    public const int SeedPartitions = 3;

    public static IReadOnlyList<string> All { get; } = [RawData, Streaming, Predictions, DeadLetter];
}
