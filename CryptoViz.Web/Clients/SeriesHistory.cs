namespace CryptoViz.Web.Clients;

/// <summary>
/// One (symbol, source) in <see cref="CoinHistory"/>: the last close per bucket, oldest first (null where nothing was
/// stored); the stored closes 1 h and 24 h ago, null where the history is shorter; the newest 24 h volume (USD) reported.
/// </summary>
public sealed record SeriesHistory(
    string Symbol, string Source, IReadOnlyList<double?> Closes, double? Close1hAgo, double? Close24hAgo, double? Volume24h);
