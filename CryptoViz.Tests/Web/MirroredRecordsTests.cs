using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Dashboard = CryptoViz.Web.Clients;
using IngestForecasting = CryptoViz.Ingest.Forecasting;
using IngestModel = CryptoViz.Ingest.Model;
using StreamApis = CryptoViz.Stream.Apis;

namespace CryptoViz.Tests.Web;

/// <summary>
/// The Web keeps its own copies of Ingest's and Stream's response records, so as not to reference the services. Each
/// pair round-trips here: the service's record written with the service's JSON context, read with the Web's, written
/// again. Every field the service sends must come back with its value, so a renamed or retyped field on either side fails.
/// </summary>
public sealed class MirroredRecordsTests
{
    private static readonly DateTime s_at = new(2025, 9, 4, 18, 40, 12, DateTimeKind.Utc);

    private static readonly Dictionary<string, Func<string?>> s_pairs = new()
    {
        ["CoinSummary"] = () => RoundTrip<IReadOnlyList<IngestModel.CoinSummary>, IReadOnlyList<Dashboard.CoinSummary>>(
            [new("BTC", "Bitcoin", "binance", 111842.37, 2.227e12, s_at, -0.25, 1.5, 3.4e10)],
            IngestModel.IngestJsonContext.Default.IReadOnlyListCoinSummary, Dashboard.IngestJsonContext.Default.IReadOnlyListCoinSummary),
        ["CandleSeries"] = () => RoundTrip<IngestModel.CandleSeries, Dashboard.CandleSeries>(
            new("ETH", "coinbase", "5m", s_at.AddDays(-1), s_at, [new(s_at.AddMinutes(-5), 4312.5, 4320.25, 4301.75, 4315, 17, 2.5, 10787.5)]),
            IngestModel.IngestJsonContext.Default.CandleSeries, Dashboard.IngestJsonContext.Default.CandleSeries),
        ["CoinHistory"] = () => RoundTrip<IngestModel.CoinHistory, Dashboard.CoinHistory>(
            new(s_at.AddHours(-24), s_at, 15, [new("SOL", "kraken", [201.5, null, 203.25], 202.75, 190.5, 8.1e9)]),
            IngestModel.IngestJsonContext.Default.CoinHistory, Dashboard.IngestJsonContext.Default.CoinHistory),
        ["Tick"] = () => RoundTrip<IReadOnlyList<IngestModel.Tick>, IReadOnlyList<Dashboard.Tick>>(
            [new(s_at, "XRP", "XRP", "coingecko", 2.85, -3.2, 1.6e11, s_at.AddSeconds(3), "scraper-1")],
            IngestModel.IngestJsonContext.Default.IReadOnlyListTick, Dashboard.IngestJsonContext.Default.IReadOnlyListTick),
        ["SourceSpread"] = () => RoundTrip<IngestModel.SourceSpread, Dashboard.SourceSpread>(
            new("BTC", [new("coinmarketcap", 111842.37, s_at), new("coingecko", 111790.12, s_at.AddMinutes(-2))], 111790.12, 111842.37, 52.25, 0.0467),
            IngestModel.IngestJsonContext.Default.SourceSpread, Dashboard.IngestJsonContext.Default.SourceSpread),
        ["StoreStats"] = () => RoundTrip<IngestModel.StoreStats, Dashboard.StoreStats>(
            new(123456, 20, 4, 52_428_800, s_at.AddDays(-30), s_at, 7),
            IngestModel.IngestJsonContext.Default.StoreStats, Dashboard.IngestJsonContext.Default.StoreStats),
        ["ServedForecast"] = () => RoundTrip<IReadOnlyList<IngestModel.ServedForecast>, IReadOnlyList<Dashboard.ServedForecast>>(
            [new("BTC", "binance", "ets", 60, s_at, s_at.AddHours(1), 111842.37, 111900.5, 111200.25, 112600.75, 288, 0.93, 0.89)],
            IngestModel.IngestJsonContext.Default.IReadOnlyListServedForecast, Dashboard.IngestJsonContext.Default.IReadOnlyListServedForecast),
        ["ModelScore"] = () => RoundTrip<IReadOnlyList<IngestForecasting.ModelScore>, IReadOnlyList<Dashboard.ModelScore>>(
            [new("binance/BTC", "ets", 60, 288, 41.5, 0.93, 0.54, 0.89, true, 96, 0.97, 0.88)],
            IngestModel.IngestJsonContext.Default.IReadOnlyListModelScore, Dashboard.IngestJsonContext.Default.IReadOnlyListModelScore),
        ["StatsResponse"] = () => RoundTrip<StreamApis.StatsResponse, Dashboard.StreamStats>(
            new("kafka", 3, "2025-09-04T18:40:12Z", 4242, "connected", "1h 2m", 3720.5, 12.5, 17, 2, 1.5, "embedded"),
            StreamApis.StreamJsonContext.Default.StatsResponse, Dashboard.StreamJsonContext.Default.StreamStats),
        ["HealthResponse"] = () => RoundTrip<StreamApis.HealthResponse, Dashboard.StreamHealth>(
            new("kafka", 3, "connected", "healthy", "active", "2025-09-04T18:40:12Z"),
            StreamApis.StreamJsonContext.Default.HealthResponse, Dashboard.StreamJsonContext.Default.StreamHealth),
    };

    public static TheoryData<string> Pairs => [.. s_pairs.Keys];

    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_web_reads_every_field_the_service_writes(string record)
    {
        Assert.Null(s_pairs[record]());
    }

    /// <returns>Null when every field came back; else the first field (a JSON path) that did not, with both values.</returns>
    private static string? RoundTrip<TService, TWeb>(TService sent, JsonTypeInfo<TService> service, JsonTypeInfo<TWeb> web)
    {
        var json = JsonSerializer.Serialize(sent, service);
        var read = JsonSerializer.Deserialize(json, web);
        return Missing(JsonNode.Parse(json), JsonNode.Parse(JsonSerializer.Serialize(read!, web)), "$")?.ToJsonString();
    }

    /// <summary>What the Web adds (derived properties) is no concern: only what the service sent must survive.</summary>
    private static JsonNode? Missing(JsonNode? sent, JsonNode? back, string path) => sent switch
    {
        JsonObject obj => obj.Select(p => Missing(p.Value, back is JsonObject b && b.TryGetPropertyValue(p.Key, out var v) ? v : Absent(), $"{path}.{p.Key}"))
            .FirstOrDefault(m => m is not null),
        JsonArray array when back is JsonArray b && b.Count == array.Count =>
            array.Select((item, i) => Missing(item, b[i], $"{path}[{i}]")).FirstOrDefault(m => m is not null),
        _ when JsonNode.DeepEquals(sent, back) => null,
        _ => new JsonObject { ["path"] = path, ["sent"] = sent?.DeepClone(), ["back"] = back?.DeepClone() },
    };

    private static JsonNode Absent() => JsonValue.Create("(absent)");
}
