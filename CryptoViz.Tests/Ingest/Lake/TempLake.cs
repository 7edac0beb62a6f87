using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Ingest.Lake;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoViz.Tests.Ingest.Lake;

/// <summary>A lake in a temporary folder (deleted afterwards), read back as docs/lake.md#reading-the-lake tells DuckDB to read it.</summary>
internal sealed class TempLake : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public TempLake()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("cryptoviz-lake-").FullName;
        Layout = new LakeLayout(Path.Combine(Directory, "lake"));
        Telemetry = new LakeTelemetry(_services.GetRequiredService<IMeterFactory>());
    }

    /// <summary>The temporary folder; the lake is its <c>lake/</c>, beside where a DuckDB file would be.</summary>
    public string Directory { get; }

    public LakeLayout Layout { get; }

    public LakeTelemetry Telemetry { get; }

    public IMeterFactory MeterFactory => _services.GetRequiredService<IMeterFactory>();

    /// <summary>The DuckDB statement for the ticks (docs/lake.md#reading-the-lake).</summary>
    public string TicksQuery => $"read_parquet('{Layout.Root}/ticks/**/*.parquet', hive_partitioning = true)";

    /// <summary>The DuckDB statement for the candle parts (docs/lake.md#reading-the-lake).</summary>
    public string CandlesQuery => $"read_parquet('{Layout.Root}/candles/**/*.parquet', hive_partitioning = true)";

    /// <summary>The DuckDB statement for the history candles (docs/lake.md#history).</summary>
    public string HistoryQuery => $"read_parquet('{Layout.Root}/history/**/*.parquet', hive_partitioning = true)";

    /// <summary>Every minute's candle by the rule of docs/lake.md#history, as docs/lake.md#reading-the-lake states it.</summary>
    public string CandlesByRuleQuery => $"""
        WITH ticked AS (
            SELECT source, symbol, bucket,
                   min_by(open, opened_at) AS open, max(high) AS high, min(low) AS low, max_by(close, closed_at) AS close,
                   CAST(sum(ticks) AS BIGINT) AS ticks, sum(volume) AS volume, sum(quote_volume) AS quote_volume
            FROM {CandlesQuery}
            GROUP BY source, symbol, bucket)
        SELECT * FROM ticked
        UNION ALL
        SELECT h.source, h.symbol, h.bucket, h.open, h.high, h.low, h.close, CAST(0 AS BIGINT) AS ticks, h.volume, h.quote_volume
        FROM {HistoryQuery} h
        WHERE NOT EXISTS (SELECT 1 FROM ticked t WHERE t.source = h.source AND t.symbol = h.symbol AND t.bucket = h.bucket)
        """;

    /// <summary>Every lake file (every table) by its path under the lake, with a hash of its bytes.</summary>
    public SortedDictionary<string, string> Files() => new(
        Layout.AllFiles().ToDictionary(f => f.Key, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f.Path)))), StringComparer.Ordinal);

    /// <summary>Files anywhere in the lake that a writer left half done (temporary names).</summary>
    public IReadOnlyList<string> TempFiles() => System.IO.Directory.Exists(Layout.Root)
        ? System.IO.Directory.GetFiles(Layout.Root, LakeFileName.TempPrefix + "*" + LakeFileName.TempExtension, SearchOption.AllDirectories)
        : [];

    /// <summary>The ticks as DuckDB reads the lake: (symbol, source, event_time, price, date), sorted.</summary>
    public List<(string Symbol, string Source, DateTime EventTime, double Price, DateOnly Date)> Ticks() =>
        Query($"SELECT symbol, source, event_time, price, date FROM {TicksQuery} ORDER BY source, symbol, event_time",
            r => (r.GetString(0), r.GetString(1), r.GetDateTime(2), r.GetDouble(3), DateOnly.FromDateTime(r.GetDateTime(4))));

    public List<T> Query<T>(string sql, Func<System.Data.Common.DbDataReader, T> read)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    /// <summary>A valid tick (its timestamp the event time's whole second), with a volume to sum.</summary>
    public static CryptoPrice Tick(string symbol, string source, DateTime eventTime, double price = 100, double volume = 1.5) => new()
    {
        Name = symbol, Symbol = symbol, Price = price, PercentChange24h = 1.5, MarketCap = 1e9, Source = source,
        Timestamp = new DateTime(eventTime.Ticks - eventTime.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc),
        EventTime = eventTime, IngestionTimestamp = eventTime, ProducerId = "lake-tests", Volume = volume,
    };

    /// <summary>A segment of <paramref name="records"/> at consecutive offsets from <paramref name="first"/> (null: a record the validator refused).</summary>
    public static LakeSegment Segment(int partition, long first, IEnumerable<CryptoPrice?> records, long? forcedLast = null)
    {
        var segment = new LakeSegment(Topics.RawData, partition, first, forcedLast);
        var offset = first;
        foreach (var record in records) segment.Add(offset++, record, DateTimeOffset.UtcNow);
        return segment;
    }

    public void Dispose()
    {
        _services.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
