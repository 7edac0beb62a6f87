namespace CryptoViz.Ingest.Services;

/// <summary>What one retention run removed.</summary>
/// <param name="Expired">Rows older than the raw retention, deleted.</param>
/// <param name="Downsampled">Rows that were not the last of their hour, deleted.</param>
/// <param name="CandlesExpired">Stored one-minute candles older than the candle retention, deleted.</param>
/// <param name="Checkpointed">Whether the CHECKPOINT after the run went through (it yields to open write transactions).</param>
public sealed record RetentionResult(long Expired, long Downsampled, long CandlesExpired, bool Checkpointed);
