namespace CryptoViz.Ingest.Services;

/// <summary>What one retention run removed from <c>crypto_prices</c>.</summary>
/// <param name="Expired">Rows older than the raw retention, deleted.</param>
/// <param name="Downsampled">Rows that were not the last of their hour, deleted.</param>
/// <param name="Checkpointed">Whether the CHECKPOINT after the run went through (it yields to open write transactions).</param>
public sealed record RetentionResult(long Expired, long Downsampled, bool Checkpointed);
