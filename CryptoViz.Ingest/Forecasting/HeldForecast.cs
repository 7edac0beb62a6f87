namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// A forecast waiting for its target minute: then it is settled against the close there, if one was observed.
/// <paramref name="Scored"/>: made after the warm-up; <paramref name="Selected"/>: the model the selection served at its origin.
/// </summary>
internal readonly record struct HeldForecast(
    int Origin, int Target, double Central, double Lower, double Upper, double Scale, bool Scored, bool Selected);
