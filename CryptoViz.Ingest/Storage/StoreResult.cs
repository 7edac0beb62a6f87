namespace CryptoViz.Ingest.Storage;

/// <summary>What one write added: new tick rows, and new history candles (stored or waiting for the rollup).</summary>
public readonly record struct StoreResult(int Rows, int Candles);
