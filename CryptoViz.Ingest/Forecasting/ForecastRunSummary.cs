namespace CryptoViz.Ingest.Forecasting;

/// <summary>What a forecast run did: series with a walk, served forecasts and anomalies published.</summary>
public sealed record ForecastRunSummary(int Series, int Forecasts, int Anomalies);
