namespace CryptoViz.Ingest.Anomalies;

/// <summary>A tick whose return is far outside what the recent ticks of its series make normal.</summary>
/// <param name="Score">Robust z-score of the return: distance from the recent median in MAD-scaled σ.</param>
/// <param name="Reason">One readable sentence: what moved, how far, against what.</param>
public sealed record PriceAnomaly(
    DateTimeOffset Time,
    double Price,
    double PreviousPrice,
    double Return,
    double Score,
    string Reason);
