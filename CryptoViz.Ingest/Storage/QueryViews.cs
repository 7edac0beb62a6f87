using System.Collections.Concurrent;
using CryptoViz.Ingest.Lake;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Storage;

/// <summary>
/// What the query API reads, as two temp views on each reader connection: <c>prices</c> (the rows of
/// <c>crypto_prices</c>) and <c>candles</c> (those of <c>candles_1m</c>). When the lake answers queries
/// (<c>Ingest:Lake:ServeQueries</c>) each view is the hot store's rows and, for every key the hot store lacks, the
/// lake's: a replica then answers for the partitions other replicas own, and for the history its own store has thinned
/// or dropped. The hot store wins a tick both hold; a minute's candle follows one rule on every replica
/// (<see cref="FederatedCandles"/>). The lake trails the hot store by up to a segment's age
/// (docs/lake.md#queries-across-replicas).
/// </summary>
public sealed class QueryViews
{
    private readonly string? _lakeRoot;
    private readonly ConcurrentDictionary<string, bool> _filled = new(StringComparer.Ordinal);

    public QueryViews(IOptions<LakeOptions> lake, IConfiguration configuration)
    {
        if (lake.Value is { Enabled: true, ServeQueries: true }) _lakeRoot = LakeLayout.Resolve(lake.Value, configuration).Root;
    }

    private QueryViews(string? lakeRoot) => _lakeRoot = lakeRoot;

    /// <summary>The hot store alone: what a store opened without a lake reads.</summary>
    public static QueryViews Hot { get; } = new((string?)null);

    /// <summary>The hot store and the lake at <paramref name="lakeRoot"/>.</summary>
    public static QueryViews WithLake(string lakeRoot) => new(Path.GetFullPath(lakeRoot));

    /// <summary>A reader connection on <paramref name="store"/> with both views made.</summary>
    public async Task<DuckDBConnection> OpenAsync(PriceStore store, CancellationToken cancellationToken)
    {
        var connection = await store.OpenReaderAsync(cancellationToken);
        Create(connection);
        return connection;
    }

    private void Create(DuckDBConnection connection)
    {
        connection.Execute(LakeTableSql(LakeLayout.Ticks) is { } ticks ? FederatedPrices(ticks) : "CREATE OR REPLACE TEMP VIEW prices AS FROM crypto_prices");
        if (_lakeRoot is null)
        {
            connection.Execute("CREATE OR REPLACE TEMP VIEW candles AS FROM candles_1m");
            return;
        }

        connection.Execute(LakeTableSql(LakeLayout.Candles) is { } candles ? LakeTickCandles(candles) : $"CREATE OR REPLACE TEMP VIEW lake_tick_candles AS {NoCandles}");
        connection.Execute(LakeTableSql(LakeLayout.History) is { } history ? LakeHistoryCandles(history) : $"CREATE OR REPLACE TEMP VIEW lake_history_candles AS {NoCandles}");
        connection.Execute(FederatedCandles);
    }

    // read_parquet fails on a glob that matches nothing: a lake with no file yet reads as the hot store. Once a table has
    // a file it always has one (compaction puts the merged file in place before its inputs go), so the directory is
    // searched only until then, not on every query.
    private string? LakeTableSql(string table)
    {
        if (_lakeRoot is null) return null;
        var directory = Path.Combine(_lakeRoot, table);
        if (!_filled.ContainsKey(table))
        {
            if (!Directory.Exists(directory) || !Directory.EnumerateFiles(directory, "*.parquet", SearchOption.AllDirectories).Any()) return null;
            _filled.TryAdd(table, true);
        }

        // The path is the lake's own (configuration, never a request); the quote doubling only guards an odd directory name.
        var glob = Path.Combine(directory, "**", "*.parquet").Replace("'", "''", StringComparison.Ordinal);
        return $"read_parquet('{glob}', hive_partitioning = true, hive_types = {{'source': VARCHAR, 'date': DATE}})";
    }

    // A left join with the hot store's rows, not an anti join: DuckDB then builds on the lake's side, which the query's
    // filters cut down, and prunes its scan of the hot store by that side's keys (bench candles --lake: about twice as
    // fast at 50M ticks; an anti join reads all of crypto_prices).
    private static string FederatedPrices(string ticks) => $"""
        CREATE OR REPLACE TEMP VIEW prices AS
            FROM crypto_prices
            UNION ALL BY NAME
            SELECT l.* EXCLUDE (date) FROM {ticks} l
            LEFT JOIN crypto_prices h ON h.symbol = l.symbol AND h.source = l.source AND h.event_time = l.event_time
            WHERE h.event_time IS NULL
        """;

    private const string NoCandles = "SELECT * FROM candles_1m WHERE false";

    // A minute whose ticks lie in two segments has a part in each: merged here, as docs/lake.md#reading-the-lake says.
    private static string LakeTickCandles(string candles) => $"""
        CREATE OR REPLACE TEMP VIEW lake_tick_candles AS
            SELECT source, symbol, bucket,
                   arg_min(open, opened_at) AS open, max(high) AS high, min(low) AS low, arg_max(close, closed_at) AS close,
                   sum(ticks)::BIGINT AS ticks, min(opened_at) AS opened_at, max(closed_at) AS closed_at,
                   sum(volume) AS volume, sum(quote_volume) AS quote_volume
            FROM {candles}
            GROUP BY source, symbol, bucket
        """;

    // In candles_1m's shape, as the hot store keeps a history candle (HistoryRows): no ticks, the whole minute.
    private static string LakeHistoryCandles(string history) => $"""
        CREATE OR REPLACE TEMP VIEW lake_history_candles AS
            SELECT source, symbol, bucket, open, high, low, close, 0::BIGINT AS ticks,
                   bucket AS opened_at, bucket + INTERVAL 59999999 MICROSECONDS AS closed_at,
                   coalesce(volume, 0) AS volume, coalesce(quote_volume, 0) AS quote_volume
            FROM {history}
        """;

    // A minute's candle is its ticks' when it has any: of the hot store's and the lake's, the one of more ticks (the hot
    // store's on a tie: the lake trails it; the lake holds every tick of a minute a rebalance split between replicas).
    // Else it is the first published history candle: the lake's, or the hot store's while the lake has none yet.
    // Left joins for the reason FederatedPrices gives.
    private const string FederatedCandles = """
        CREATE OR REPLACE TEMP VIEW candles AS
            SELECT h.* FROM candles_1m h
            LEFT JOIN lake_tick_candles l ON l.symbol = h.symbol AND l.source = h.source AND l.bucket = h.bucket
            WHERE h.ticks > 0 AND (l.ticks IS NULL OR l.ticks <= h.ticks)
            UNION ALL BY NAME
            SELECT l.* FROM lake_tick_candles l
            LEFT JOIN candles_1m h ON h.symbol = l.symbol AND h.source = l.source AND h.bucket = l.bucket
            WHERE h.ticks IS NULL OR h.ticks < l.ticks
            UNION ALL BY NAME
            SELECT l.* FROM lake_history_candles l
            LEFT JOIN candles_1m h ON h.symbol = l.symbol AND h.source = l.source AND h.bucket = l.bucket AND h.ticks > 0
            LEFT JOIN lake_tick_candles t ON t.symbol = l.symbol AND t.source = l.source AND t.bucket = l.bucket
            WHERE h.symbol IS NULL AND t.symbol IS NULL
            UNION ALL BY NAME
            SELECT h.* FROM candles_1m h
            LEFT JOIN lake_history_candles l ON l.symbol = h.symbol AND l.source = h.source AND l.bucket = h.bucket
            LEFT JOIN lake_tick_candles t ON t.symbol = h.symbol AND t.source = h.source AND t.bucket = h.bucket
            WHERE h.ticks = 0 AND l.symbol IS NULL AND t.symbol IS NULL
        """;
}
