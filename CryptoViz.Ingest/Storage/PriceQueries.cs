using System.Data.Common;
using CryptoViz.Contracts.Apis;
using CryptoViz.Contracts.Messaging;
using DuckDB.NET.Data;

namespace CryptoViz.Ingest.Storage;

/// <summary>
/// The analytics reads behind Ingest's query API. Each call opens its own connection on the store's
/// database (never the writer's), so queries run beside ingestion without blocking it (MVCC).
/// Every value from a request reaches DuckDB as a parameter; times go in and come out as UTC wall-clock.
/// </summary>
public sealed class PriceQueries(PriceStore store, QueryViews? views = null)
{
    private const string Coins = """
        WITH latest AS (
            SELECT symbol, name, source, price, market_cap, "timestamp",
                   "timestamp" - INTERVAL 1 HOUR AS ts_1h, "timestamp" - INTERVAL 24 HOUR AS ts_24h
            FROM prices
            QUALIFY row_number() OVER (PARTITION BY symbol, source ORDER BY event_time DESC) = 1),
        with_1h AS (
            SELECT l.*, h.price AS price_1h FROM latest l
            ASOF LEFT JOIN prices h ON l.symbol = h.symbol AND l.source = h.source AND l.ts_1h >= h."timestamp"),
        -- Not the latest row's own: a source may send its 24 h volume on some quotes only (Binance's tickers, not its klines).
        volume_24h AS (
            SELECT symbol, source, arg_max(volume_24h, event_time) AS volume_24h FROM prices
            WHERE volume_24h IS NOT NULL GROUP BY symbol, source),
        with_24h AS (
            SELECT l.*, d.price AS price_24h FROM with_1h l
            ASOF LEFT JOIN prices d ON l.symbol = d.symbol AND l.source = d.source AND l.ts_24h >= d."timestamp"),
        -- A series whose ticks are younger than an hour or a day (live since today, its past backfilled) is measured
        -- against the close of the last candle that had ended by then (its minute began a minute before, or earlier).
        with_closes AS (
            SELECT l.*, c1.close AS close_1h, c24.close AS close_24h FROM with_24h l
            ASOF LEFT JOIN candles c1 ON l.symbol = c1.symbol AND l.source = c1.source AND l.ts_1h - INTERVAL 1 MINUTE >= c1.bucket
            ASOF LEFT JOIN candles c24 ON l.symbol = c24.symbol AND l.source = c24.source AND l.ts_24h - INTERVAL 1 MINUTE >= c24.bucket)
        SELECT l.symbol, l.name, l.source, l.price, l.market_cap, l."timestamp",
               (l.price - coalesce(l.price_1h, l.close_1h)) / coalesce(l.price_1h, l.close_1h) * 100,
               (l.price - coalesce(l.price_24h, l.close_24h)) / coalesce(l.price_24h, l.close_24h) * 100, v.volume_24h
        FROM with_closes l
        LEFT JOIN volume_24h v ON l.symbol = v.symbol AND l.source = v.source
        ORDER BY l.market_cap DESC, l.symbol, l.source
        """;

    private const string FirstSource = """
        SELECT min(source) FROM prices
        WHERE symbol = $symbol AND "timestamp" >= $from AND "timestamp" < $to
        """;

    private const string TickColumns =
        "\"timestamp\", symbol, name, source, price, percent_change_24h, market_cap, ingestion_timestamp, producer_id";

    private const string SourceLatest = """
        SELECT source, price, "timestamp" FROM prices
        WHERE symbol = $symbol
        QUALIFY row_number() OVER (PARTITION BY source ORDER BY event_time DESC) = 1
        ORDER BY source
        """;

    private const string CountRows = "SELECT count(*) FROM prices";

    private const string Latest = $"""
        SELECT {PriceSchema.AllColumns} FROM prices
        QUALIFY row_number() OVER (PARTITION BY symbol, source ORDER BY event_time DESC) = 1
        ORDER BY market_cap DESC, symbol, source
        """;

    private const string Stats = """
        SELECT count(*), count(DISTINCT symbol), count(DISTINCT source), min("timestamp"), max("timestamp") FROM prices
        """;

    public long DatabaseBytes => store.DatabaseBytes;

    public async Task<IReadOnlyList<CoinSummary>> GetCoinsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(Coins);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var coins = new List<CoinSummary>();
        while (await r.ReadAsync(cancellationToken))
        {
            coins.Add(new CoinSummary(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetDouble(4), r.GetUtc(5),
                r.GetNullableDouble(6), r.GetNullableDouble(7), r.GetNullableDouble(8)));
        }

        return coins;
    }

    /// <summary>The alphabetically first source with rows for the symbol in [from, to); null when there is none.</summary>
    public async Task<string?> FindFirstSourceAsync(string symbol, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(FirstSource, ("symbol", symbol), ("from", from), ("to", to));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<IReadOnlyList<Candle>> GetCandlesAsync(
        string symbol, string source, TimeSpan bucket, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // Before the first rollup of this process nothing stored is known final: the horizon at `from` reads raw ticks only.
        await using var command = connection.Command(CandleSchema.Query,
            ("width", (long)(bucket.Ticks / TimeSpan.TicksPerMicrosecond)), ("symbol", symbol), ("source", source), ("from", from), ("to", to),
            ("horizon", store.CandleHorizon.Value ?? from));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var candles = new List<Candle>();
        while (await r.ReadAsync(cancellationToken))
        {
            candles.Add(new Candle(r.GetUtc(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetInt64(5), r.GetDouble(6), r.GetDouble(7)));
        }

        return candles;
    }

    /// <summary>Raw rows, newest first.</summary>
    public async Task<IReadOnlyList<Tick>> GetTicksAsync(
        string symbol, string? source, DateTime from, DateTime to, int limit, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {TickColumns} FROM prices
            WHERE symbol = $symbol {(source is null ? "" : "AND source = $source")} AND "timestamp" >= $from AND "timestamp" < $to
            ORDER BY "timestamp" DESC, source
            LIMIT $limit
            """;
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(sql, ("symbol", symbol), ("from", from), ("to", to), ("limit", (long)limit));
        if (source is not null) command.Parameters.Add(new DuckDBParameter("source", source));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var ticks = new List<Tick>();
        while (await r.ReadAsync(cancellationToken))
        {
            ticks.Add(new Tick(r.GetUtc(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDouble(4), r.GetNullableDouble(5),
                r.GetDouble(6), r.GetUtc(7), r.GetString(8)));
        }

        return ticks;
    }

    /// <summary>The newest price of the symbol from each source, by source name.</summary>
    public async Task<IReadOnlyList<SourceQuote>> GetSourceQuotesAsync(string symbol, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(SourceLatest, ("symbol", symbol));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var quotes = new List<SourceQuote>();
        while (await r.ReadAsync(cancellationToken))
        {
            quotes.Add(new SourceQuote(r.GetString(0), r.GetDouble(1), r.GetUtc(2)));
        }

        return quotes;
    }

    public async Task<(long Rows, long Coins, long Sources, DateTime? Oldest, DateTime? Newest)> GetStatsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(Stats);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        await r.ReadAsync(cancellationToken);
        return (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetUtc(3), r.IsDBNull(4) ? null : r.GetUtc(4));
    }

    /// <summary>
    /// Writes the rows of [from, to), optionally of one symbol, every column (V2's first, in V2's order), to
    /// <paramref name="path"/> in CSV (with header) or Parquet.
    /// </summary>
    public async Task ExportAsync(string path, ExportFormat format, string? symbol, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        // COPY's target is not an expression, so it cannot be a parameter. The path is ours (a GUID under the temp
        // directory), never the caller's; the quote doubling only guards a temp directory with a quote in its name.
        // The format comes from an enum. The inner SELECT keeps every request value a parameter.
        var target = path.Replace("'", "''", StringComparison.Ordinal);
        var options = format == ExportFormat.Parquet ? "FORMAT parquet" : "FORMAT csv, HEADER true";
        var sql = $"""
            COPY (SELECT {PriceSchema.AllColumns} FROM prices
                  WHERE "timestamp" >= $from AND "timestamp" < $to {(symbol is null ? "" : "AND symbol = $symbol")}
                  ORDER BY "timestamp", symbol, source)
            TO '{target}' ({options})
            """;
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(sql, ("from", from), ("to", to));
        if (symbol is not null) command.Parameters.Add(new DuckDBParameter("symbol", symbol));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CryptoPrice>> GetLatestAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Latest;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var prices = new List<CryptoPrice>();
        while (await reader.ReadAsync(cancellationToken))
        {
            prices.Add(ReadPrice(reader));
        }

        return prices;
    }

    public async Task<long> CountRowsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = CountRows;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    private static CryptoPrice ReadPrice(DbDataReader r) => new()
    {
        Name = r.GetString(0),
        Symbol = r.GetString(1),
        Price = r.GetDouble(2),
        PercentChange24h = r.GetNullableDouble(3),
        MarketCap = r.GetDouble(4),
        Source = r.GetString(5),
        Timestamp = r.GetUtc(6),
        IngestionTimestamp = r.GetUtc(7),
        ProducerId = r.GetString(8),
        SchemaVersion = r.GetString(9),
        EventTime = r.GetUtc(10),
        Volume = r.GetNullableDouble(11),
        QuoteVolume = r.GetNullableDouble(12),
        Volume24h = r.GetNullableDouble(13),
    };

    private Task<DuckDBConnection> OpenAsync(CancellationToken cancellationToken) =>
        (views ?? QueryViews.Hot).OpenAsync(store, cancellationToken);
}
