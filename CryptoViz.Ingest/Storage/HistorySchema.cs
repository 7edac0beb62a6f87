namespace CryptoViz.Ingest.Storage;

/// <summary>
/// Where history pages (<c>crypto-candles</c>) land. A page's candles go straight into <c>candles_1m</c> where the
/// rollup has finished (before the <see cref="CandleHorizon"/>); later minutes wait in <c>pending_candles</c> until the
/// rollup passes them, because the rollup adds only the minutes after the newest stored candle, and a history candle
/// ahead of it would hide the raw ticks in between. A minute that already has a candle keeps it (live ticks or an
/// earlier page), and of two pages in one batch the first published fills it: a redelivered page stores nothing twice,
/// and a minute's history candle is the first one published, as in the lake. Late live ticks replace a history candle
/// (<see cref="CandleSchema.MergeLate"/>). The range each page covers goes to <c>history_ranges</c>, so
/// that a backfill never asks a provider again for a stretch that it had no data for.
/// </summary>
internal static class HistorySchema
{
    /// <summary>Run after <see cref="CandleSchema.Create"/>: pending candles have the stored ones' columns.</summary>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS pending_candles AS SELECT * FROM candles_1m LIMIT 0;
        CREATE TABLE IF NOT EXISTS history_ranges (symbol VARCHAR, source VARCHAR, range_from TIMESTAMP, range_to TIMESTAMP);
        CREATE TEMP TABLE IF NOT EXISTS history_stage AS SELECT * FROM pending_candles LIMIT 0;
        CREATE TEMP TABLE IF NOT EXISTS history_ranges_stage AS SELECT * FROM history_ranges LIMIT 0;
        """;

    /// <summary>Staged candles before <c>$end</c> (the horizon) that have no candle yet.</summary>
    public const string StoreFinal = """
        INSERT INTO candles_1m (symbol, source, bucket, open, high, low, close, ticks, opened_at, closed_at, volume, quote_volume)
        SELECT s.* FROM (SELECT DISTINCT ON (symbol, source, bucket) * FROM history_stage WHERE bucket < $end ORDER BY symbol, source, bucket, rowid) s
        ANTI JOIN (SELECT symbol, source, bucket FROM candles_1m WHERE bucket >= (SELECT min(bucket) FROM history_stage)) c
        USING (symbol, source, bucket)
        """;

    /// <summary>Staged candles at or after <c>$end</c> that are not pending yet.</summary>
    public const string StorePending = """
        INSERT INTO pending_candles
        SELECT s.* FROM (SELECT DISTINCT ON (symbol, source, bucket) * FROM history_stage WHERE bucket >= $end ORDER BY symbol, source, bucket, rowid) s
        ANTI JOIN pending_candles p USING (symbol, source, bucket)
        """;

    public const string StoreRanges = """
        INSERT INTO history_ranges
        SELECT DISTINCT * FROM history_ranges_stage ANTI JOIN history_ranges USING (symbol, source, range_from, range_to)
        """;

    public const string ClearStage = "DELETE FROM history_stage; DELETE FROM history_ranges_stage";

    /// <summary>
    /// Run by the rollup in its transaction, after it has added the minutes before <c>$end</c>: pending candles before
    /// it become stored candles where the minute has none (the live ticks' candle wins).
    /// </summary>
    public const string Release = """
        INSERT INTO candles_1m (symbol, source, bucket, open, high, low, close, ticks, opened_at, closed_at, volume, quote_volume)
        SELECT p.* FROM pending_candles p
        ANTI JOIN (SELECT symbol, source, bucket FROM candles_1m WHERE bucket >= (SELECT min(bucket) FROM pending_candles)) c
        USING (symbol, source, bucket)
        WHERE p.bucket < $end
        """;

    public const string DropReleased = "DELETE FROM pending_candles WHERE bucket < $end";

    public const string DeleteExpiredRanges = "DELETE FROM history_ranges WHERE range_to < $before";

    /// <summary>
    /// What each (symbol, source) has since <c>$from</c>, as ranges [from, to): minutes with a stored, pending or raw
    /// candle, and the ranges history pages covered; holes up to <c>$gap</c> count as covered (a quote a minute or
    /// less often leaves single minutes empty that no provider would fill).
    /// </summary>
    public const string Coverage = """
        WITH spans AS (
            SELECT symbol, source, bucket AS s, bucket + INTERVAL 1 MINUTE AS e FROM candles WHERE bucket >= $from
            UNION ALL
            SELECT symbol, source, bucket, bucket + INTERVAL 1 MINUTE FROM pending_candles WHERE bucket >= $from
            UNION ALL
            SELECT DISTINCT symbol, source, time_bucket(INTERVAL 1 MINUTE, event_time) AS m, m + INTERVAL 1 MINUTE
            FROM prices WHERE event_time >= greatest($from, $horizon)
            UNION ALL
            SELECT symbol, source, greatest(range_from, $from), range_to FROM history_ranges WHERE range_to > $from),
        ordered AS (
            SELECT *, max(e) OVER (PARTITION BY symbol, source ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reached
            FROM spans),
        islands AS (
            SELECT *, sum(CASE WHEN reached IS NULL OR s > reached + to_microseconds($gap) THEN 1 ELSE 0 END)
                      OVER (PARTITION BY symbol, source ORDER BY s ROWS UNBOUNDED PRECEDING) AS island
            FROM ordered)
        SELECT symbol, source, min(s), max(e) FROM islands GROUP BY symbol, source, island ORDER BY 1, 2, 3
        """;
}
