namespace CryptoViz.Web.Markets;

/// <summary>
/// What Ingest has stored of one quote's recent past: its closes over the last 24 h on a fixed grid, oldest first (null
/// where nothing was stored), its closes 1 h and 24 h ago (null where the history is shorter), and the newest 24 h volume
/// (USD) its source reported.
/// </summary>
public sealed record Trend(IReadOnlyList<double?> Closes, double? Close1hAgo, double? Close24hAgo, double? Volume24h)
{
    public static readonly Trend None = new([], null, null, null);
}
