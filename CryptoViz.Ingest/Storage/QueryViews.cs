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
/// or dropped. The hot store wins a key both hold; the lake trails it by up to a segment's age
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
        connection.Execute(LakeTableSql(LakeLayout.Candles) is { } candles ? FederatedCandles(candles) : "CREATE OR REPLACE TEMP VIEW candles AS FROM candles_1m");
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

    private static string FederatedPrices(string ticks) => $"""
        CREATE OR REPLACE TEMP VIEW prices AS
            FROM crypto_prices
            UNION ALL BY NAME
            SELECT l.* EXCLUDE (date) FROM {ticks} l
            ANTI JOIN crypto_prices h ON h.symbol = l.symbol AND h.source = l.source AND h.event_time = l.event_time
        """;

    // A minute whose ticks lie in two segments has a part in each: merged here, as docs/lake.md#reading-the-lake says.
    private static string FederatedCandles(string candles) => $"""
        CREATE OR REPLACE TEMP VIEW candles AS
            FROM candles_1m
            UNION ALL BY NAME
            SELECT l.source, l.symbol, l.bucket,
                   arg_min(l.open, l.opened_at) AS open, max(l.high) AS high, min(l.low) AS low, arg_max(l.close, l.closed_at) AS close,
                   sum(l.ticks)::BIGINT AS ticks, min(l.opened_at) AS opened_at, max(l.closed_at) AS closed_at,
                   sum(l.volume) AS volume, sum(l.quote_volume) AS quote_volume
            FROM {candles} l
            ANTI JOIN candles_1m h ON h.symbol = l.symbol AND h.source = l.source AND h.bucket = l.bucket
            GROUP BY l.source, l.symbol, l.bucket
        """;
}
