namespace CryptoViz.Ingest.Forecasting;

/// <summary>One forecast the backtest made, as it was made at its origin: what a look-ahead check compares.</summary>
public readonly record struct ForecastRecord(string Model, int Horizon, int Origin, double Central, double Lower, double Upper);
