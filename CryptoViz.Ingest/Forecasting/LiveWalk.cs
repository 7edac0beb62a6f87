namespace CryptoViz.Ingest.Forecasting;

/// <summary>The walk the service keeps for one (symbol, source): when it started afresh, and up to where the store has been read into it.</summary>
internal sealed class LiveWalk(ForecastWalk walk, DateTimeOffset evaluatedAt, DateTime readUntil)
{
    public ForecastWalk Walk => walk;

    public DateTimeOffset EvaluatedAt => evaluatedAt;

    /// <summary>The end (exclusive) of the closed minutes read so far.</summary>
    public DateTime ReadUntil { get; set; } = readUntil;
}
