namespace CryptoViz.Ingest.Storage;

/// <summary>
/// Stored 1-minute OHLC candles per (symbol, source), rolled up from <c>crypto_prices</c> in the background, with the
/// ticks' count and their summed volumes (a tick without volume adds 0; candles stored before the volume columns
/// existed read 0). A day of
/// one coin is 1,440 rows instead of every tick (a 24 h raw scan of 50M ticks: 108 ms against 6.8 ms from candles, bench/README.md), and candles
/// outlive the raw ticks that retention deletes or downsamples, so a stored candle is never rebuilt from raw ticks:
/// the rollup adds the minutes after the newest one, and a tick older than that is merged into its candle when it is
/// stored (<see cref="MergeLate"/>). No key, as for the raw table: a bucket is written once, then only merged into.
/// </summary>
internal static class CandleSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS candles_1m (
            symbol VARCHAR,
            source VARCHAR,
            bucket TIMESTAMP,
            open DOUBLE,
            high DOUBLE,
            low DOUBLE,
            close DOUBLE,
            ticks BIGINT,
            opened_at TIMESTAMP,
            closed_at TIMESTAMP,
            volume DOUBLE DEFAULT 0,
            quote_volume DOUBLE DEFAULT 0);
        ALTER TABLE candles_1m ADD COLUMN IF NOT EXISTS opened_at TIMESTAMP;
        ALTER TABLE candles_1m ADD COLUMN IF NOT EXISTS closed_at TIMESTAMP;
        ALTER TABLE candles_1m ADD COLUMN IF NOT EXISTS volume DOUBLE DEFAULT 0;
        ALTER TABLE candles_1m ADD COLUMN IF NOT EXISTS quote_volume DOUBLE DEFAULT 0;
        CREATE TEMP TABLE IF NOT EXISTS late AS SELECT * FROM crypto_prices LIMIT 0;
        """;

    /// <summary>Where stored candles end (the next rollup's start), or null before the first one.</summary>
    public const string RolledUpTo = "SELECT max(bucket) + INTERVAL 1 MINUTE FROM candles_1m";

    /// <summary>Where the next rollup starts: just after the newest stored candle, or the oldest tick on a fresh store.</summary>
    public const string NextStart = $"""
        SELECT coalesce(({RolledUpTo}), (SELECT min(event_time) FROM crypto_prices))
        """;

    public const string Insert = """
        INSERT INTO candles_1m (symbol, source, bucket, open, high, low, close, ticks, opened_at, closed_at, volume, quote_volume)
        SELECT symbol, source, time_bucket(INTERVAL 1 MINUTE, event_time) AS bucket,
               arg_min(price, event_time), max(price), min(price), arg_max(price, event_time), count(*),
               min(event_time), max(event_time), coalesce(sum(volume), 0), coalesce(sum(quote_volume), 0)
        FROM crypto_prices
        WHERE event_time >= $start AND event_time < $end
        GROUP BY symbol, source, bucket
        """;

    /// <summary>
    /// Folds the rows in <c>late</c> (stored by this transaction, before the rolled-up end) into their candles: a tick
    /// before a candle's first one opens it, one at or after its last one closes it; a candle of rows from before
    /// opened_at/closed_at were kept keeps its open and close; volumes add up. A minute with no candle yet gets one, and so
    /// does a minute that only a history page filled (no ticks): a minute's candle is its ticks' whenever it has any,
    /// whichever came first, as the lake's is on every replica (docs/lake.md#history).
    /// </summary>
    public const string MergeLate = """
        CREATE OR REPLACE TEMP TABLE late_candles AS
        SELECT symbol, source, time_bucket(INTERVAL 1 MINUTE, event_time) AS bucket,
               arg_min(price, event_time) AS open, max(price) AS high, min(price) AS low, arg_max(price, event_time) AS close,
               count(*) AS ticks, min(event_time) AS opened_at, max(event_time) AS closed_at,
               coalesce(sum(volume), 0) AS volume, coalesce(sum(quote_volume), 0) AS quote_volume
        FROM late GROUP BY ALL;
        DELETE FROM candles_1m c USING late_candles l
        WHERE c.symbol = l.symbol AND c.source = l.source AND c.bucket = l.bucket AND c.ticks = 0;
        UPDATE candles_1m c SET
            open = CASE WHEN l.opened_at < c.opened_at THEN l.open ELSE c.open END,
            high = greatest(c.high, l.high),
            low = least(c.low, l.low),
            close = CASE WHEN l.closed_at >= c.closed_at THEN l.close ELSE c.close END,
            ticks = c.ticks + l.ticks,
            opened_at = least(c.opened_at, l.opened_at),
            closed_at = greatest(c.closed_at, l.closed_at),
            volume = c.volume + l.volume,
            quote_volume = c.quote_volume + l.quote_volume
        FROM late_candles l
        WHERE c.symbol = l.symbol AND c.source = l.source AND c.bucket = l.bucket;
        INSERT INTO candles_1m (symbol, source, bucket, open, high, low, close, ticks, opened_at, closed_at, volume, quote_volume)
        SELECT * FROM late_candles l
        ANTI JOIN (SELECT symbol, source, bucket FROM candles_1m WHERE bucket >= (SELECT min(bucket) FROM late_candles)) c
        USING (symbol, source, bucket);
        DELETE FROM late;
        """;

    /// <summary>Copies the staged rows before <c>$end</c> that the merge will store into <c>late</c>: run before <see cref="PriceSchema.MergeStage"/>.</summary>
    public const string StageLate = """
        INSERT INTO late
        SELECT s.* FROM (SELECT DISTINCT ON (symbol, source, event_time) * FROM stage WHERE event_time < $end) s
        ANTI JOIN (SELECT symbol, source, event_time FROM crypto_prices
                   WHERE event_time >= (SELECT min(event_time) FROM stage)) t
        USING (symbol, source, event_time)
        """;

    public const string DeleteExpired = "DELETE FROM candles_1m WHERE bucket < $before";

    /// <summary>
    /// Candles of any width for [from, to): from the stored minutes before <c>$horizon</c> (where the rollup has
    /// finished), from raw ticks after it; a bucket that straddles the horizon is merged from both parts, its ticks and
    /// volumes added.
    /// </summary>
    public const string Query = """
        WITH parts AS (
            SELECT time_bucket(to_microseconds($width), bucket) AS b, min(bucket) AS t0, max(bucket) AS t1,
                   arg_min(open, bucket) AS o, max(high) AS h, min(low) AS l, arg_max(close, bucket) AS c, sum(ticks) AS n,
                   sum(volume) AS v, sum(quote_volume) AS qv
            FROM candles
            WHERE symbol = $symbol AND source = $source AND bucket >= $from AND bucket < least($to, $horizon)
            GROUP BY b
            UNION ALL
            SELECT time_bucket(to_microseconds($width), event_time) AS b, min(event_time), max(event_time),
                   arg_min(price, event_time), max(price), min(price), arg_max(price, event_time), count(*),
                   coalesce(sum(volume), 0), coalesce(sum(quote_volume), 0)
            FROM prices
            WHERE symbol = $symbol AND source = $source AND event_time >= greatest($from, $horizon) AND event_time < $to
            GROUP BY 1)
        SELECT b, arg_min(o, t0), max(h), min(l), arg_max(c, t1), sum(n)::BIGINT, sum(v), sum(qv)
        FROM parts GROUP BY b ORDER BY b
        """;
}
