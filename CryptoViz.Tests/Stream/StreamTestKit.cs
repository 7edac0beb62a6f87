using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Stream;

/// <summary>Records, producing and polling shared by the Stream tests.</summary>
internal static class StreamTestKit
{
    private static readonly TimeSpan s_pollTimeout = TimeSpan.FromSeconds(30);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A valid V2 record, spaced the way Python's json.dumps wrote it, so "verbatim" is observable.</summary>
    public static string Record(string symbol, string source, double price, string? name = null)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var p = price.ToString("R", CultureInfo.InvariantCulture);
        return $$"""{"name": "{{name ?? symbol + " coin"}}", "symbol": "{{symbol}}", "price": {{p}}, "percent_change_24h": -0.71, "market_cap": 119912345678, "source": "{{source}}", "timestamp": "{{V2Time.FormatScrape(now)}}", "ingestion_timestamp": "{{V2Time.FormatIso(now)}}", "producer_id": "crypto-scraper-v2", "schema_version": "2.0"}""";
    }

    public static Task ProduceAsync(this IProducer<string, byte[]> producer, string record) =>
        producer.ProduceAsync(Topics.Streaming, Message(record), Ct);

    /// <summary>Queues without waiting for the broker; <c>Flush</c> afterwards.</summary>
    public static void Produce(this IProducer<string, byte[]> producer, string record) =>
        producer.Produce(Topics.Streaming, Message(record));

    public static IProducer<string, byte[]> StreamingProducer(this EmbeddedKafkaFixture kafka) =>
        kafka.CreateProducer<string, byte[]>();

    private static Message<string, byte[]> Message(string record)
    {
        using var doc = JsonDocument.Parse(record);
        var key = MessageKey.For(doc.RootElement.GetProperty("symbol").GetString()!, doc.RootElement.GetProperty("source").GetString()!);
        return new Message<string, byte[]> { Key = key, Value = Encoding.UTF8.GetBytes(record) };
    }

    /// <summary>Polls until the condition holds; fails the test after a generous timeout.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > s_pollTimeout) Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(50, Ct);
        }
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, Ct);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
    }

    /// <summary>Waits for /health to turn 200: partitions assigned at known offsets, so later records are seen.</summary>
    public static Task WaitUntilStreamingAsync(this HttpClient http) =>
        EventuallyAsync(async () =>
        {
            using var response = await http.GetAsync("/health", Ct);
            return response.StatusCode == HttpStatusCode.OK;
        }, "/health answers 200");

    public static bool Is(this JsonElement record, string symbol, string source) =>
        record.GetProperty("symbol").GetString() == symbol && record.GetProperty("source").GetString() == source;
}
