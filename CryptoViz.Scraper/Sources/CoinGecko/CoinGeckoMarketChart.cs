namespace CryptoViz.Scraper.Sources.CoinGecko;

/// <summary>
/// <c>GET /api/v3/coins/{id}/market_chart/range</c> (only the fields we read): <c>[Unix ms, value]</c> pairs of the price in
/// USD and of the trailing 24 h volume in USD at that moment. Everything may be null on the wire.
/// </summary>
public sealed record CoinGeckoMarketChart(IReadOnlyList<double?[]?>? Prices, IReadOnlyList<double?[]?>? TotalVolumes);
