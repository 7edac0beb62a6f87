namespace CryptoViz.Contracts.Messaging;

/// <summary>V2's topic names plus the ones CryptoViz adds (docs/v2-contract.md#topics-and-keys).</summary>
public static class Topics
{
    public const string RawData = "crypto-raw-data";
    public const string Streaming = "crypto-streaming";
    public const string Predictions = "crypto-predictions";
    public const string DeadLetter = "crypto-dlq";

    /// <summary>History pages (<see cref="CandleBatch"/>): ours, apart from V2's live topics.</summary>
    public const string Candles = "crypto-candles";

    /// <summary>The seed ran 3 partitions per topic; a key keeps its partition only while this holds.</summary>
    public const int SeedPartitions = 3;

    public static IReadOnlyList<string> All { get; } = [RawData, Streaming, Predictions, DeadLetter, Candles];
}
