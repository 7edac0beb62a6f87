using CryptoViz.Contracts.Apis;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Ingest.Model;
using DuckDB.NET.Data;

namespace CryptoViz.Ingest.Storage;

/// <summary>
/// The time-series reads: 1-minute closes for the forecasts, the history grid of the markets page, the prices the
/// anomaly detectors replay and the stored stretches the backfill plans from. Minutes come from the stored candles
/// before the rollup's horizon and from raw ticks after it. Connections and parameters as in <see cref="PriceQueries"/>.
/// </summary>
public sealed class SeriesQueries(PriceStore store, QueryViews? views = null)
{
    /// <summary>Stored candles' closes before the horizon (the rollup is minute-aligned), raw ticks' last price after it.</summary>
    private const string MinuteCloses = """
        SELECT symbol, source, bucket AS minute, close FROM candles
        WHERE bucket >= $from AND bucket < least($to, $horizon)
        UNION ALL
        SELECT symbol, source, time_bucket(INTERVAL 1 MINUTE, event_time) AS minute, arg_max(price, event_time)
        FROM prices
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
            SELECT symbol, source, bucket AS minute, close FROM candles
            WHERE bucket >= $start AND bucket < least($to, $horizon)
            UNION ALL
            SELECT symbol, source, time_bucket(INTERVAL 1 MINUTE, event_time) AS minute, arg_max(price, event_time)
            FROM prices
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
            SELECT symbol, source, arg_max(volume_24h, event_time) AS volume_24h FROM prices
            WHERE volume_24h IS NOT NULL AND event_time >= $start AND event_time < $to
            GROUP BY symbol, source)
        SELECT s.symbol, s.source, s.close_1h, s.close_24h, v.volume_24h, b.bucket, b.close
        FROM series s
        LEFT JOIN buckets b ON b.symbol = s.symbol AND b.source = s.source
        LEFT JOIN volumes v ON v.symbol = s.symbol AND v.source = s.source
        ORDER BY s.symbol, s.source, b.bucket
        """;

    private const string SeriesMinuteCloses = """
        SELECT bucket AS minute, close FROM candles
        WHERE symbol = $symbol AND source = $source AND bucket >= $from AND bucket < least($to, $horizon)
        UNION ALL
        SELECT time_bucket(INTERVAL 1 MINUTE, event_time) AS minute, arg_max(price, event_time)
        FROM prices
        WHERE symbol = $symbol AND source = $source AND event_time >= greatest($from, $horizon) AND event_time < $to
        GROUP BY minute
        ORDER BY minute
        """;

    /// <summary>The minutes <see cref="MinuteCloses"/> would read, counted per series inside DuckDB.</summary>
    private const string MinuteCounts = """
        SELECT symbol, source, count(*) FROM (
            SELECT symbol, source, bucket FROM candles
            WHERE bucket >= $from AND bucket < least($to, $horizon)
            UNION ALL
            SELECT DISTINCT symbol, source, time_bucket(INTERVAL 1 MINUTE, event_time) FROM prices
            WHERE event_time >= greatest($from, $horizon) AND event_time < $to)
        GROUP BY symbol, source
        """;

    private const string PricesAfter = """
        SELECT symbol, source, "timestamp", price FROM prices
        WHERE "timestamp" > $after AND "timestamp" <= $until
        ORDER BY symbol, source, "timestamp"
        """;

    /// <summary>How much older than the time it stands for a close 1 h or 24 h ago may be: a gap longer than this is no close of that time.</summary>
    public static readonly TimeSpan ReferenceTolerance = TimeSpan.FromMinutes(15);

    /// <summary>1-minute closes of every (symbol, source) in [from, to), for the forecasts.</summary>
    public async Task<IReadOnlyList<MinuteClose>> GetMinuteClosesAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(MinuteCloses, ("from", from), ("to", to), ("horizon", store.CandleHorizon.Value ?? from));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var closes = new List<MinuteClose>();
        while (await r.ReadAsync(cancellationToken))
        {
            closes.Add(new MinuteClose(r.GetString(0), r.GetString(1), r.GetUtc(2), r.GetDouble(3)));
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
        await using var connection = await OpenAsync(cancellationToken);
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
                series.Add(new SeriesHistory(symbol, source, closes, r.GetNullableDouble(2), r.GetNullableDouble(3), r.GetNullableDouble(4)));
            }

            if (!r.IsDBNull(5))
            {
                closes![(int)((r.GetUtc(5) - from).Ticks / step.Ticks)] = r.GetDouble(6);
            }
        }

        return series;
    }

    /// <summary>1-minute closes of one (symbol, source) in [from, to), oldest first.</summary>
    public async Task<IReadOnlyList<MinuteClose>> GetMinuteClosesAsync(
        string symbol, string source, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(SeriesMinuteCloses,
            ("symbol", symbol), ("source", source), ("from", from), ("to", to), ("horizon", store.CandleHorizon.Value ?? from));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var closes = new List<MinuteClose>();
        while (await r.ReadAsync(cancellationToken))
        {
            closes.Add(new MinuteClose(symbol, source, r.GetUtc(0), r.GetDouble(1)));
        }

        return closes;
    }

    /// <summary>How many minutes of [from, to) have a close, per (symbol, source) that has any: a cheap look at how much history is stored.</summary>
    public async Task<IReadOnlyDictionary<(string Symbol, string Source), int>> GetMinuteCountsAsync(
        DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
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
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(PricesAfter, ("after", after), ("until", until));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var prices = new List<PricePoint>();
        while (await r.ReadAsync(cancellationToken))
        {
            prices.Add(new PricePoint(r.GetString(0), r.GetString(1), r.GetUtc(2), r.GetDouble(3)));
        }

        return prices;
    }

    /// <summary>Every series' stored stretches since <paramref name="from"/>, holes up to <paramref name="gap"/> included (<see cref="HistorySchema.Coverage"/>).</summary>
    public async Task<IReadOnlyList<CoveredRange>> GetCoverageAsync(DateTime from, TimeSpan gap, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(HistorySchema.Coverage,
            ("from", from), ("gap", gap.Ticks / TimeSpan.TicksPerMicrosecond), ("horizon", store.CandleHorizon.Value ?? from));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var ranges = new List<CoveredRange>();
        while (await r.ReadAsync(cancellationToken))
        {
            ranges.Add(new CoveredRange(r.GetString(0), r.GetString(1), r.GetUtc(2), r.GetUtc(3)));
        }

        return ranges;
    }

    private Task<DuckDBConnection> OpenAsync(CancellationToken cancellationToken) =>
        (views ?? QueryViews.Hot).OpenAsync(store, cancellationToken);
}
