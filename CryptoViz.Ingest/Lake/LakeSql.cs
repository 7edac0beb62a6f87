using System.Globalization;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// The lake's statements, run on an in-memory DuckDB of its own (<see cref="LakeDuckDB"/>). A file's rows are sorted by
/// (event_time, symbol), unique within a directory of one source, so that the same rows always make the same bytes.
/// File paths and lists are SQL literals (<c>COPY ... TO</c> and <c>read_parquet</c> take no parameters): every path is
/// built by the lake from its own names, and every source is one the validator allows (<c>[a-z0-9_-]</c>).
/// </summary>
internal static class LakeSql
{
    /// <summary>A tick file's columns: <c>crypto_prices</c>'s, less <c>source</c>, which the directory says.</summary>
    public const string TickColumns =
        "name, symbol, price, percent_change_24h, market_cap, \"timestamp\", ingestion_timestamp, producer_id, schema_version, " +
        "event_time, volume, quote_volume, volume_24h";

    /// <summary>A history file's columns: a provider's candle, less <c>source</c>. Volumes are null where the provider gave none.</summary>
    public const string HistoryColumns = "symbol, bucket, open, high, low, close, volume, quote_volume";

    /// <summary>Where a segment of <c>crypto-candles</c> is staged, in offset order.</summary>
    public const string HistoryStage = "history_candles";

    public const string CreateHistoryStage = $"""
        CREATE TABLE {HistoryStage} (symbol VARCHAR, source VARCHAR, bucket TIMESTAMP, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE,
                                     volume DOUBLE, quote_volume DOUBLE)
        """;

    private const string Parquet = "(FORMAT parquet, COMPRESSION zstd)";

    /// <summary>The source/date directories the staged segment reaches.</summary>
    public const string Directories = "SELECT DISTINCT source, CAST(event_time AS DATE) FROM crypto_prices ORDER BY ALL";

    public const string Earliest = "SELECT min(event_time) FROM crypto_prices WHERE source = $source AND event_time >= $from AND event_time < $to";

    public const string HistoryDirectories = $"SELECT DISTINCT source, CAST(bucket AS DATE) FROM {HistoryStage} ORDER BY ALL";

    public const string HistoryEarliest = $"SELECT min(bucket) FROM {HistoryStage} WHERE source = $source AND bucket >= $from AND bucket < $to";

    public const string ClearStage = $"DELETE FROM crypto_prices; DELETE FROM {HistoryStage}";

    public const string CountFresh = "SELECT count(*) FROM fresh";

    /// <summary>
    /// The staged rows of one directory whose key the partition's earlier files there do not hold. The key's time decides
    /// the directory, so those files are all the lake can hold of it; and the files' own min/max of event_time let DuckDB
    /// skip all but the newest of them.
    /// </summary>
    public static string StageFresh(IReadOnlyList<string> earlierFiles) => earlierFiles.Count == 0
        ? $"CREATE OR REPLACE TEMP TABLE fresh AS SELECT {TickColumns} FROM crypto_prices WHERE source = $source AND event_time >= $from AND event_time < $to"
        : $"""
           CREATE OR REPLACE TEMP TABLE fresh AS
           SELECT {TickColumns} FROM crypto_prices c
           ANTI JOIN (SELECT symbol, event_time FROM {Read(earlierFiles)} WHERE event_time >= $earliest) e USING (symbol, event_time)
           WHERE c.source = $source AND c.event_time >= $from AND c.event_time < $to
           """;

    /// <summary>The staged candles of one directory whose minute the partition's earlier history files there do not hold.</summary>
    public static string StageFreshHistory(IReadOnlyList<string> earlierFiles) => earlierFiles.Count == 0
        ? $"CREATE OR REPLACE TEMP TABLE fresh AS SELECT {HistoryColumns} FROM {HistoryStage} WHERE source = $source AND bucket >= $from AND bucket < $to"
        : $"""
           CREATE OR REPLACE TEMP TABLE fresh AS
           SELECT {HistoryColumns} FROM {HistoryStage} c
           ANTI JOIN (SELECT symbol, bucket FROM {Read(earlierFiles)} WHERE bucket >= $earliest) e USING (symbol, bucket)
           WHERE c.source = $source AND c.bucket >= $from AND c.bucket < $to
           """;

    public static string CopyFreshHistory(string path) => $"COPY (SELECT * FROM fresh ORDER BY bucket, symbol) TO {Literal(path)} {Parquet}";

    /// <summary>History files of one directory merged into one (their minutes are distinct: the writer saw to it).</summary>
    public static string CopyMergedHistory(IReadOnlyList<string> inputs, string path) =>
        $"COPY (SELECT {HistoryColumns} FROM {Read(inputs)} ORDER BY bucket, symbol) TO {Literal(path)} {Parquet}";

    public static string CopyFresh(string path) => $"COPY (SELECT * FROM fresh ORDER BY event_time, symbol) TO {Literal(path)} {Parquet}";

    /// <summary>Tick files of one directory merged into one (their keys are distinct: the writer saw to it).</summary>
    public static string CopyMerged(IReadOnlyList<string> inputs, string path) =>
        $"COPY (SELECT {TickColumns} FROM {Read(inputs)} ORDER BY event_time, symbol) TO {Literal(path)} {Parquet}";

    /// <summary>
    /// A tick file's 1-minute candles, the shape of <c>candles_1m</c> (<see cref="Storage.CandleSchema.Insert"/>) less
    /// <c>source</c>: always from the tick file of the same name, read in its order, so that the same ticks make the same
    /// candles, sums included, however the segments were merged.
    /// </summary>
    public static string CopyCandles(string tickFile, string path) => $"""
        COPY (SELECT symbol, time_bucket(INTERVAL 1 MINUTE, event_time) AS bucket,
                     arg_min(price, event_time) AS open, max(price) AS high, min(price) AS low, arg_max(price, event_time) AS close,
                     count(*) AS ticks, min(event_time) AS opened_at, max(event_time) AS closed_at,
                     coalesce(sum(volume), 0) AS volume, coalesce(sum(quote_volume), 0) AS quote_volume
              FROM {Read([tickFile])} GROUP BY symbol, bucket ORDER BY bucket, symbol)
        TO {Literal(path)} {Parquet}
        """;

    // Our own paths hold hive-style directories: without this DuckDB would add source and date as columns.
    private static string Read(IReadOnlyList<string> files) =>
        $"read_parquet([{string.Join(", ", files.Select(Literal))}], hive_partitioning = false)";

    private static string Literal(string text) => string.Create(CultureInfo.InvariantCulture, $"'{text.Replace("'", "''", StringComparison.Ordinal)}'");
}
