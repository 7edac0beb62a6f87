namespace CryptoViz.Ingest.Forecasting;

/// <summary>What one forecast run did: series backtested, served forecasts and anomalies published.</summary>
public sealed record ForecastRunSummary(int Series, int Forecasts, int Anomalies);
