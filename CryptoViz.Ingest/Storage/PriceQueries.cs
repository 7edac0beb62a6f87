using System.Data.Common;
using CryptoViz.Ingest.Model;
using CryptoViz.Contracts.Messaging;
using DuckDB.NET.Data;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Ingest.Storage;

/// <summary>
/// The analytics reads behind Ingest's query API. Each call opens its own connection on the store's
/// database (never the writer's), so queries run beside ingestion without blocking it (MVCC).
/// Every value from a request reaches DuckDB as a parameter; times go in and come out as UTC wall-clock.
/// </summary>
public sealed class PriceQueries(PriceStore store)
{
    private const string Coins = """
        WITH latest AS (
            SELECT symbol, name, source, price, market_cap, "timestamp",
                   "timestamp" - INTERVAL 1 HOUR AS ts_1h, "timestamp" - INTERVAL 24 HOUR AS ts_24h
            FROM crypto_prices
            QUALIFY row_number() OVER (PARTITION BY symbol, source ORDER BY event_time DESC) = 1),
        with_1h AS (
            SELECT l.*, h.price AS price_1h FROM latest l
            ASOF LEFT JOIN crypto_prices h ON l.symbol = h.symbol AND l.source = h.source AND l.ts_1h >= h."timestamp"),
        -- Not the latest row's own: a source may send its 24 h volume on some quotes only (Binance's tickers, not its klines).
        volume_24h AS (
            SELECT symbol, source, arg_max(volume_24h, event_time) AS volume_24h FROM crypto_prices
            WHERE volume_24h IS NOT NULL GROUP BY symbol, source)
        SELECT l.symbol, l.name, l.source, l.price, l.market_cap, l."timestamp",
               (l.price - l.price_1h) / l.price_1h * 100, (l.price - d.price) / d.price * 100, v.volume_24h
        FROM with_1h l
        ASOF LEFT JOIN crypto_prices d ON l.symbol = d.symbol AND l.source = d.source AND l.ts_24h >= d."timestamp"
        LEFT JOIN volume_24h v ON l.symbol = v.symbol AND l.source = v.source
        ORDER BY l.market_cap DESC, l.symbol, l.source
        """;

    private const string FirstSource = """
        SELECT min(source) FROM crypto_prices
        WHERE symbol = $symbol AND "timestamp" >= $from AND "timestamp" < $to
        """;

    private const string TickColumns =
        "\"timestamp\", symbol, name, source, price, percent_change_24h, market_cap, ingestion_timestamp, producer_id";

    private const string SourceLatest = """
        SELECT source, price, "timestamp" FROM crypto_prices
        WHERE symbol = $symbol
        QUALIFY row_number() OVER (PARTITION BY source ORDER BY event_time DESC) = 1
        ORDER BY source
        """;

    /// <summary>Stored candles' closes before the horizon (the rollup is minute-aligned), raw ticks' last price after it.</summary>
    private const string MinuteCloses = """
        SELECT symbol, source, bucket AS minute, close FROM candles_1m
        WHERE bucket >= $from AND bucket < least($to, $horizon)
        UNION ALL
        SELECT symbol, source, time_bucket(INTERVAL 1 MINUTE, event_time) AS minute, arg_max(price, event_time)
        FROM crypto_prices
        WHERE event_time >= greatest($from, $horizon) AND event_time < $to
        GROUP BY symbol, source, minute
        ORDER BY symbol, source, minute
        """;

    /// <summary>
    /// Every series' closes of [$from, $to) per $width bucket, its closes at $at1h and $at24h (the last minute starting
    /// in (after, at]) and its newest reported 24 h volume; minutes from stored candles before the horizon, from raw
    /// ticks after it, as in <see cref="MinuteCloses"/>. One row per bucket, or one with a null bucket for a series
    /// with no price in [$from, $to).
    /// </summary>
    private const string History = """
        WITH minutes AS (
            SELECT symbol, source, bucket AS minute, close FROM candles_1m
            WHERE bucket >= $start AND bucket < least($to, $horizon)
            UNION ALL
            SELECT symbol, source, time_bucket(INTERVAL 1 MINUTE, event_time) AS minute, arg_max(price, event_time)
            FROM crypto_prices
            WHERE event_time >= greatest($start, $horizon) AND event_time < $to
            GROUP BY symbol, source, minute),
        series AS (
            SELECT symbol, source,
                   arg_max(close, minute) FILTER (WHERE minute > $after1h AND minute <= $at1h) AS close_1h,
                   arg_max(close, minute) FILTER (WHERE minute > $after24h AND minute <= $at24h) AS close_24h
            FROM minutes GROUP BY symbol, source),
        buckets AS (
            SELECT symbol, source, time_bucket(to_microseconds($width), minute) AS bucket, arg_max(close, minute) AS close
            FROM minutes WHERE minute >= $from GROUP BY symbol, source, bucket),
        volumes AS (
            SELECT symbol, source, arg_max(volume_24h, event_time) AS volume_24h FROM crypto_prices
            WHERE volume_24h IS NOT NULL AND event_time >= $start AND event_time < $to
            GROUP BY symbol, source)
        SELECT s.symbol, s.source, s.close_1h, s.close_24h, v.volume_24h, b.bucket, b.close
        FROM series s
        LEFT JOIN buckets b ON b.symbol = s.symbol AND b.source = s.source
        LEFT JOIN volumes v ON v.symbol = s.symbol AND v.source = s.source
        ORDER BY s.symbol, s.source, b.bucket
        """;

    private const string SeriesMinuteCloses = """
        SELECT bucket AS minute, close FROM candles_1m
        WHERE symbol = $symbol AND source = $source AND bucket >= $from AND bucket < least($to, $horizon)
        UNION ALL
        SELECT time_bucket(INTERVAL 1 MINUTE, event_time) AS minute, arg_max(price, event_time)
        FROM crypto_prices
        WHERE symbol = $symbol AND source = $source AND event_time >= greatest($from, $horizon) AND event_time < $to
        GROUP BY minute
        ORDER BY minute
        """;

    /// <summary>The minutes <see cref="MinuteCloses"/> would read, counted per series inside DuckDB.</summary>
    private const string MinuteCounts = """
        SELECT symbol, source, count(*) FROM (
            SELECT symbol, source, bucket FROM candles_1m
            WHERE bucket >= $from AND bucket < least($to, $horizon)
            UNION ALL
            SELECT DISTINCT symbol, source, time_bucket(INTERVAL 1 MINUTE, event_time) FROM crypto_prices
            WHERE event_time >= greatest($from, $horizon) AND event_time < $to)
        GROUP BY symbol, source
        """;

    private const string PricesAfter = """
        SELECT symbol, source, "timestamp", price FROM crypto_prices
        WHERE "timestamp" > $after AND "timestamp" <= $until
        ORDER BY symbol, source, "timestamp"
        """;

    private const string Stats = """
        SELECT count(*), count(DISTINCT symbol), count(DISTINCT source), min("timestamp"), max("timestamp") FROM crypto_prices
        """;

    /// <summary>How much older than the time it stands for a close 1 h or 24 h ago may be: a gap longer than this is no close of that time.</summary>
    public static readonly TimeSpan ReferenceTolerance = TimeSpan.FromMinutes(15);

    public long DatabaseBytes => store.DatabaseBytes;

    public async Task<IReadOnlyList<CoinSummary>> GetCoinsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(Coins);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var coins = new List<CoinSummary>();
        while (await r.ReadAsync(cancellationToken))
        {
            coins.Add(new CoinSummary(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetDouble(4), Utc(r, 5),
                NullableDouble(r, 6), NullableDouble(r, 7), NullableDouble(r, 8)));
        }

        return coins;
    }

    /// <summary>The alphabetically first source with rows for the symbol in [from, to); null when there is none.</summary>
    public async Task<string?> FindFirstSourceAsync(string symbol, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(FirstSource, ("symbol", symbol), ("from", from), ("to", to));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<IReadOnlyList<Candle>> GetCandlesAsync(
        string symbol, string source, TimeSpan bucket, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReaderAsync(cancellationToken);
        // Before the first rollup of this process nothing stored is known final: the horizon at `from` reads raw ticks only.
        await using var command = connection.Command(CandleSchema.Query,
            ("width", (long)(bucket.Ticks / TimeSpan.TicksPerMicrosecond)), ("symbol", symbol), ("source", source), ("from", from), ("to", to),
            ("horizon", store.CandleHorizon.Value ?? from));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var candles = new List<Candle>();
        while (await r.ReadAsync(cancellationToken))
        {
            candles.Add(new Candle(Utc(r, 0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetInt64(5), r.GetDouble(6), r.GetDouble(7)));
        }

        return candles;
    }

    /// <summary>Raw rows, newest first.</summary>
    public async Task<IReadOnlyList<Tick>> GetTicksAsync(
        string symbol, string? source, DateTime from, DateTime to, int limit, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {TickColumns} FROM crypto_prices
            WHERE symbol = $symbol {(source is null ? "" : "AND source = $source")} AND "timestamp" >= $from AND "timestamp" < $to
            ORDER BY "timestamp" DESC, source
            LIMIT $limit
            """;
        await using var connection = await store.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(sql, ("symbol", symbol), ("from", from), ("to", to), ("limit", (long)limit));
        if (source is not null) command.Parameters.Add(new DuckDBParameter("source", source));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var ticks = new List<Tick>();
        while (await r.ReadAsync(cancellationToken))
        {
            ticks.Add(new Tick(Utc(r, 0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDouble(4), NullableDouble(r, 5),
                r.GetDouble(6), Utc(r, 7), r.GetString(8)));
        }

        return ticks;
    }

    /// <summary>The newest price of the symbol from each source, by source name.</summary>
    public async Task<IReadOnlyList<SourceQuote>> GetSourceQuotesAsync(string symbol, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(SourceLatest, ("symbol", symbol));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var quotes = new List<SourceQuote>();
        while (await r.ReadAsync(cancellationToken))
        {
            quotes.Add(new SourceQuote(r.GetString(0), r.GetDouble(1), Utc(r, 2)));
        }

        return quotes;
    }

    /// <summary>1-minute closes of every (symbol, source) in [from, to), for the forecasts.</summary>
    public async Task<IReadOnlyList<MinuteClose>> GetMinuteClosesAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(MinuteCloses, ("from", from), ("to", to), ("horizon", store.CandleHorizon.Value ?? from));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var closes = new List<MinuteClose>();
        while (await r.ReadAsync(cancellationToken))
        {
            closes.Add(new MinuteClose(r.GetString(0), r.GetString(1), Utc(r, 2), r.GetDouble(3)));
        }

        return closes;
    }

    /// <summary>
    /// Every series' last close per <paramref name="step"/> bucket from <paramref name="from"/> (a bucket boundary) to
    /// <paramref name="to"/>, and its closes 1 h and 24 h before <paramref name="to"/> (see <see cref="SeriesHistory"/>).
    /// </summary>
    public async Task<IReadOnlyList<SeriesHistory>> GetHistoryAsync(DateTime from, DateTime to, TimeSpan step, CancellationToken cancellationToken)
    {
        var (at1h, at24h) = (to - TimeSpan.FromHours(1), to - TimeSpan.FromHours(24));
        var start = (from < at24h ? from : at24h) - ReferenceTolerance;
        var buckets = (int)((to - from).Ticks / step.Ticks) + 1;
        await using var connection = await store.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(History,
            ("start", start), ("from", from), ("to", to), ("horizon", store.CandleHorizon.Value ?? start),
            ("width", step.Ticks / TimeSpan.TicksPerMicrosecond), ("at1h", at1h), ("after1h", at1h - ReferenceTolerance),
            ("at24h", at24h), ("after24h", at24h - ReferenceTolerance));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var series = new List<SeriesHistory>();
        double?[]? closes = null;
        while (await r.ReadAsync(cancellationToken))
        {
            var (symbol, source) = (r.GetString(0), r.GetString(1));
            if (series.Count == 0 || series[^1].Symbol != symbol || series[^1].Source != source)
            {
                closes = new double?[buckets];
                series.Add(new SeriesHistory(symbol, source, closes, NullableDouble(r, 2), NullableDouble(r, 3), NullableDouble(r, 4)));
            }

            if (!r.IsDBNull(5))
            {
                closes![(int)((Utc(r, 5) - from).Ticks / step.Ticks)] = r.GetDouble(6);
            }
        }

        return series;
    }

    /// <summary>1-minute closes of one (symbol, source) in [from, to), oldest first.</summary>
    public async Task<IReadOnlyList<MinuteClose>> GetMinuteClosesAsync(
        string symbol, string source, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(SeriesMinuteCloses,
            ("symbol", symbol), ("source", source), ("from", from), ("to", to), ("horizon", store.CandleHorizon.Value ?? from));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var closes = new List<MinuteClose>();
        while (await r.ReadAsync(cancellationToken))
        {
            closes.Add(new MinuteClose(symbol, source, Utc(r, 0), r.GetDouble(1)));
        }

        return closes;
    }

    /// <summary>How many minutes of [from, to) have a close, per (symbol, source) that has any: a cheap look at how much history is stored.</summary>
    public async Task<IReadOnlyDictionary<(string Symbol, string Source), int>> GetMinuteCountsAsync(
        DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(MinuteCounts, ("from", from), ("to", to), ("horizon", store.CandleHorizon.Value ?? from));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<(string Symbol, string Source), int>();
        while (await r.ReadAsync(cancellationToken))
        {
            counts[(r.GetString(0), r.GetString(1))] = checked((int)r.GetInt64(2));
        }

        return counts;
    }

    /// <summary>Every stored price in (after, until], oldest first per (symbol, source), for the anomaly detectors.</summary>
    public async Task<IReadOnlyList<PricePoint>> GetPricesAfterAsync(DateTime after, DateTime until, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(PricesAfter, ("after", after), ("until", until));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var prices = new List<PricePoint>();
        while (await r.ReadAsync(cancellationToken))
        {
            prices.Add(new PricePoint(r.GetString(0), r.GetString(1), Utc(r, 2), r.GetDouble(3)));
        }

        return prices;
    }

    public async Task<(long Rows, long Coins, long Sources, DateTime? Oldest, DateTime? Newest)> GetStatsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(Stats);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        await r.ReadAsync(cancellationToken);
        return (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.IsDBNull(3) ? null : Utc(r, 3), r.IsDBNull(4) ? null : Utc(r, 4));
    }

    /// <summary>
    /// Writes the rows of [from, to), optionally of one symbol, to <paramref name="path"/> in CSV (with header) or Parquet.
    /// </summary>
    public async Task ExportAsync(string path, ExportFormat format, string? symbol, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        // COPY's target is not an expression, so it cannot be a parameter. The path is ours (a GUID under the temp
        // directory), never the caller's; the quote doubling only guards a temp directory with a quote in its name.
        // The format comes from an enum. The inner SELECT keeps every request value a parameter.
        var target = path.Replace("'", "''", StringComparison.Ordinal);
        var options = format == ExportFormat.Parquet ? "FORMAT parquet" : "FORMAT csv, HEADER true";
        var sql = $"""
            COPY (SELECT {PriceSchema.Columns} FROM crypto_prices
                  WHERE "timestamp" >= $from AND "timestamp" < $to {(symbol is null ? "" : "AND symbol = $symbol")}
                  ORDER BY "timestamp", symbol, source)
            TO '{target}' ({options})
            """;
        await using var connection = await store.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(sql, ("from", from), ("to", to));
        if (symbol is not null) command.Parameters.Add(new DuckDBParameter("symbol", symbol));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every series' stored stretches since <paramref name="from"/>, holes up to <paramref name="gap"/> included (<see cref="HistorySchema.Coverage"/>).</summary>
    public async Task<IReadOnlyList<CoveredRange>> GetCoverageAsync(DateTime from, TimeSpan gap, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(HistorySchema.Coverage,
            ("from", from), ("gap", gap.Ticks / TimeSpan.TicksPerMicrosecond), ("horizon", store.CandleHorizon.Value ?? from));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var ranges = new List<CoveredRange>();
        while (await r.ReadAsync(cancellationToken))
        {
            ranges.Add(new CoveredRange(r.GetString(0), r.GetString(1), Utc(r, 2), Utc(r, 3)));
        }

        return ranges;
    }

    // DuckDB.NET reads TIMESTAMP back as Kind=Unspecified; every time we store is UTC.
    private static DateTime Utc(DbDataReader r, int i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc);

    private static double? NullableDouble(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}
