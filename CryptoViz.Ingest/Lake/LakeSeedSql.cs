namespace CryptoViz.Ingest.Lake;

/// <summary>
/// The hot store's statement for <see cref="LakeSeeder"/>, on a reader connection with the query views
/// (<see cref="Storage.QueryViews"/>: <c>lake_tick_candles</c>, <c>lake_history_candles</c>).
/// </summary>
internal static class LakeSeedSql
{
    /// <summary>The store's candles of the minutes the lake has no candle of, by series and time, with the coin's newest name.</summary>
    public const string Unseeded = """
        WITH names AS (SELECT symbol, arg_max(name, event_time) AS name FROM crypto_prices GROUP BY symbol)
        SELECT c.symbol, c.source, coalesce(n.name, c.symbol), c.bucket, c.open, c.high, c.low, c.close, c.volume, c.quote_volume
        FROM candles_1m c
        ANTI JOIN lake_tick_candles t ON t.symbol = c.symbol AND t.source = c.source AND t.bucket = c.bucket
        ANTI JOIN lake_history_candles h ON h.symbol = c.symbol AND h.source = c.source AND h.bucket = c.bucket
        LEFT JOIN names n ON n.symbol = c.symbol
        ORDER BY c.symbol, c.source, c.bucket
        """;
}
