namespace CryptoViz.Ingest.Storage;

/// <summary>
/// V2's table with V2's columns in V2's order (docs/v2-contract.md#duckdb-table), so that queries written for V2 still run,
/// and after them the columns we add: <c>event_time</c>, the quote's precise time (V2's <c>timestamp</c> has whole
/// seconds on the wire; a V2 record's event time is its timestamp), then <c>volume</c>, <c>quote_volume</c> and
/// <c>volume_24h</c>, null where the record has none. An older file gets them added at start. No primary key: DuckDB's ART index costs twice the
/// data and an appender into a keyed table is all-or-nothing; duplicates of the natural key (symbol, source,
/// event_time) are dropped by the writer's <see cref="RecentKeyIndex"/>, or by an anti-join for records older than
/// the index knows.
/// </summary>
internal static class PriceSchema
{
    /// <summary>V2's columns, in V2's order.</summary>
    public const string Columns =
        "name, symbol, price, percent_change_24h, market_cap, source, \"timestamp\", ingestion_timestamp, producer_id, schema_version";

    /// <summary>Every column: V2's, then ours.</summary>
    public const string AllColumns = Columns + ", event_time, volume, quote_volume, volume_24h";

    public const string Create = """
        CREATE TABLE IF NOT EXISTS crypto_prices (
            name VARCHAR,
            symbol VARCHAR,
            price DOUBLE,
            percent_change_24h DOUBLE,
            market_cap DOUBLE,
            source VARCHAR,
            "timestamp" TIMESTAMP,
            ingestion_timestamp TIMESTAMP,
            producer_id VARCHAR,
            schema_version VARCHAR,
            event_time TIMESTAMP,
            volume DOUBLE,
            quote_volume DOUBLE,
            volume_24h DOUBLE);
        ALTER TABLE crypto_prices ADD COLUMN IF NOT EXISTS event_time TIMESTAMP;
        UPDATE crypto_prices SET event_time = "timestamp" WHERE event_time IS NULL;
        ALTER TABLE crypto_prices ADD COLUMN IF NOT EXISTS volume DOUBLE;
        ALTER TABLE crypto_prices ADD COLUMN IF NOT EXISTS quote_volume DOUBLE;
        ALTER TABLE crypto_prices ADD COLUMN IF NOT EXISTS volume_24h DOUBLE;
        CREATE TEMP TABLE IF NOT EXISTS stage AS SELECT * FROM crypto_prices LIMIT 0;
        """;

    /// <summary>
    /// Moves the staged batch in, skipping keys already stored. Limiting the existing side to
    /// event times at or after the batch's earliest loses nothing (the event time is part of the key)
    /// and keeps the join to the recent row groups.
    /// </summary>
    public const string MergeStage = """
        INSERT INTO crypto_prices
        SELECT s.* FROM (SELECT DISTINCT ON (symbol, source, event_time) * FROM stage) s
        ANTI JOIN (SELECT symbol, source, event_time FROM crypto_prices
                   WHERE event_time >= (SELECT min(event_time) FROM stage)) t
        USING (symbol, source, event_time)
        """;

    /// <summary>Where the writer's <see cref="RecentKeyIndex"/> starts.</summary>
    public const string NewestPerKey = """
        SELECT symbol, source, max(event_time) FROM crypto_prices
        WHERE symbol IS NOT NULL AND source IS NOT NULL GROUP BY symbol, source
        """;

    public const string ClearStage = "DELETE FROM stage";

    public const string CountRows = "SELECT count(*) FROM crypto_prices";

    /// <summary>Retention: rows older than the raw window go.</summary>
    public const string DeleteExpired = """
        DELETE FROM crypto_prices WHERE "timestamp" < $before
        """;

    /// <summary>Retention: before the cut-off, only the last row of each hour per (symbol, source) stays.</summary>
    public const string Downsample = """
        DELETE FROM crypto_prices WHERE rowid IN (
            SELECT rowid FROM crypto_prices
            WHERE "timestamp" < $before
            QUALIFY row_number() OVER (PARTITION BY symbol, source, date_trunc('hour', "timestamp")
                                       ORDER BY event_time DESC, ingestion_timestamp DESC) > 1)
        """;
}
