namespace CryptoViz.Web.Markets;

/// <summary>
/// What Ingest knows of one quote's recent past: its 1 h change, its hourly closes over the last 24 h, oldest first, and
/// the newest 24 h volume (USD) its source reported.
/// </summary>
public sealed record Trend(double? ChangePercent1h, IReadOnlyList<double> Closes, double? Volume24h)
{
    public static readonly Trend None = new(null, [], null);
}
