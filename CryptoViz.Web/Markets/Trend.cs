namespace CryptoViz.Web.Markets;

/// <summary>What Ingest knows of one quote's recent past: its 1 h change and its hourly closes over the last 24 h, oldest first.</summary>
public sealed record Trend(double? ChangePercent1h, IReadOnlyList<double> Closes)
{
    public static readonly Trend None = new(null, []);
}
