namespace CryptoViz.Contracts.Apis;

/// <summary>The recent past of one coin from one source, from stored 1-minute candles and the raw ticks after them.</summary>
/// <param name="Closes">The last close of each bucket of the grid, oldest first; null for a bucket without a stored price.</param>
/// <param name="Close1hAgo">
/// The close of the last stored minute that starts at or before 1 h before <c>To</c>, and not more than 15 min before
/// that; null when the stored history does not reach back that far.
/// </param>
/// <param name="Close24hAgo">The same 24 h before <c>To</c>.</param>
/// <param name="Volume24h">The newest rolling 24 h volume in USD the source reported in the window, null when it reported none.</param>
public sealed record SeriesHistory(
    string Symbol, string Source, IReadOnlyList<double?> Closes, double? Close1hAgo, double? Close24hAgo, double? Volume24h);
