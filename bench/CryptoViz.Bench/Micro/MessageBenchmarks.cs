using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Stream.Sse;
using CryptoViz.Stream.Hub;

namespace CryptoViz.Bench.Micro;

/// <summary>The per-message work every record costs: parse + validate (Ingest, Stream), serialize (Scraper), envelope (Stream).</summary>
[MemoryDiagnoser]
public class MessageBenchmarks
{
    private readonly DateTime _now = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);
    private CryptoPrice _price = null!;
    private readonly StreamPosition _position = StreamPosition.Start.After(new PartitionOffset(Topics.Streaming, 0, 42));
    private byte[] _record = [];
    private byte[] _recordWithVolumes = [];
    private byte[][] _manyCoins = [];
    private int _next;

    /// <summary>
    /// In-process: a separate benchmark process would rebuild the whole project graph (AppHost included),
    /// which takes minutes on the 2-core machine for no gain in accuracy at these sizes.
    /// </summary>
    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var job = (quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance
            .AddJob(job)
            .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
        var summary = BenchmarkRunner.Run<MessageBenchmarks>(config, [.. args.Where(a => a != "--quick")]);
        return summary.HasCriticalValidationErrors ? 1 : 0;
    }

    [GlobalSetup]
    public void Setup()
    {
        _price = new CryptoPrice
        {
            Name = "Bitcoin",
            Symbol = "BTC",
            Price = 67_234.125,
            PercentChange24h = -1.8342,
            MarketCap = 1_324_567_890_123.45,
            Source = "coingecko",
            Timestamp = _now.AddSeconds(-2),
            IngestionTimestamp = _now.AddSeconds(-1).AddTicks(1234560),
            ProducerId = "scraper-coingecko-1",
        };
        _record = JsonSerializer.SerializeToUtf8Bytes(_price, CryptoVizJsonContext.Default.CryptoPrice);
        _recordWithVolumes = JsonSerializer.SerializeToUtf8Bytes(_price with { Volume = 0.01234567, QuoteVolume = 830.04, Volume24h = 3.4883e10 },
            CryptoVizJsonContext.Default.CryptoPrice);
        string[] sources = ["coingecko", "coinmarketcap", "binance"];
        _manyCoins = [.. Enumerable.Range(0, 3_000).Select(i => JsonSerializer.SerializeToUtf8Bytes(
            _price with { Name = $"Coin C{i % 1_000:D4}", Symbol = $"C{i % 1_000:D4}", Source = sources[i / 1_000] },
            CryptoVizJsonContext.Default.CryptoPrice))];
    }

    [Benchmark(Description = "CryptoPriceValidator.TryParse")]
    public bool ValidatorTryParse() => CryptoPriceValidator.TryParse(_record, _now, out _, out _);

    /// <summary>A record with the three volume fields (Binance's kline quotes carry two, the simulated market all three).</summary>
    [Benchmark(Description = "CryptoPriceValidator.TryParse, with volume fields")]
    public bool ValidatorTryParseWithVolumes() => CryptoPriceValidator.TryParse(_recordWithVolumes, _now, out _, out _);

    /// <summary>The ingest benchmark's mix: 1,000 coins × 3 sources in turn, so the parser's shared strings are not all in cache.</summary>
    [Benchmark(Description = "CryptoPriceValidator.TryParse, 3,000 coins × sources in turn")]
    public bool ValidatorTryParseManyCoins() =>
        CryptoPriceValidator.TryParse(_manyCoins[_next = (_next + 1) % _manyCoins.Length], _now, out _, out _);

    [Benchmark(Description = "Deserialize CryptoPrice (source-generated, what TryParse used before CryptoPriceJson)")]
    public CryptoPrice? DeserializeCryptoPrice() => JsonSerializer.Deserialize(_record, CryptoVizJsonContext.Default.CryptoPrice);

    [Benchmark(Description = "Serialize CryptoPrice (source-generated)")]
    public byte[] SerializeCryptoPrice() => JsonSerializer.SerializeToUtf8Bytes(_price, CryptoVizJsonContext.Default.CryptoPrice);

    [Benchmark(Description = "Envelopes.Render (SSE crypto_update)")]
    public byte[] RenderUpdateEnvelope() => Envelopes.Render(_position, ClientFilter.UpdateType, _record, UpdateOrigin.Broker, _now);
}
