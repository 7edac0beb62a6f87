namespace CryptoViz.Ingest.Forecasting;

/// <summary>One scored forecast: the close at its origin, the close it aimed at, and what the model said.</summary>
internal readonly record struct Outcome(double Last, double Actual, double Central, double Lower, double Upper);
