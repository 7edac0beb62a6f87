namespace CryptoViz.Ingest.Lake;

/// <summary>
/// The hot store's statements for <see cref="LakeSeeder"/>, on a reader connection with the query views
/// (<see cref="Storage.QueryViews"/>: <c>lake_tick_candles</c>, <c>lake_history_candles</c>).
/// </summary>
internal static class LakeSeedSql
{
    /// <summary>Which lakes (by <see cref="LakeLayout.Identity"/>) this store has given its history to.</summary>
    public const string CreateSeeds = "CREATE TABLE IF NOT EXISTS lake_seeds (lake VARCHAR, candles BIGINT, seeded_at TIMESTAMP)";

    public const string Seeded = "SELECT count(*) FROM lake_seeds WHERE lake = $lake";

    public const string MarkSeeded = "INSERT INTO lake_seeds VALUES ($lake, $candles, $now)";

    /// <summary>
    /// The store's candles of the minutes before the lake's first of their series (all of a series the lake has none
    /// of), by series and time, with the coin's newest name.
    /// </summary>
    public const string Unseeded = """
        WITH lake AS (
            SELECT symbol, source, min(bucket) AS first
            FROM (SELECT symbol, source, bucket FROM lake_tick_candles UNION ALL SELECT symbol, source, bucket FROM lake_history_candles)
            GROUP BY symbol, source),
        names AS (SELECT symbol, arg_max(name, event_time) AS name FROM crypto_prices GROUP BY symbol)
        SELECT c.symbol, c.source, coalesce(n.name, c.symbol), c.bucket, c.open, c.high, c.low, c.close, c.volume, c.quote_volume
        FROM candles_1m c
        LEFT JOIN lake l ON l.symbol = c.symbol AND l.source = c.source
        LEFT JOIN names n ON n.symbol = c.symbol
        WHERE l.first IS NULL OR c.bucket < l.first
        ORDER BY c.symbol, c.source, c.bucket
        """;
}
