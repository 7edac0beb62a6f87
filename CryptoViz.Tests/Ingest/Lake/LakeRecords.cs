using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Ingest.Lake;

/// <summary>Records as the Scraper sends them, keyed <c>SYMBOL_source</c>: V2 JSON to the raw topic, history pages to the candles topic.</summary>
internal static class LakeRecords
{
    public static byte[] Json(CryptoPrice price) => JsonSerializer.SerializeToUtf8Bytes(price, CryptoVizJsonContext.Default.CryptoPrice);

    /// <summary>Distinct ticks: each of <paramref name="symbols"/> symbols from each source, one a second.</summary>
    public static List<CryptoPrice> Distinct(DateTime start, int symbols, string[] sources, int seconds) =>
    [
        .. from second in Enumerable.Range(0, seconds)
           from source in sources
           from symbol in Enumerable.Range(0, symbols)
           select TempLake.Tick($"C{symbol}", source, start.AddSeconds(second).AddTicks(1230), price: 100 + symbol + second, volume: second + 0.5),
    ];

    public static async Task ProduceAsync(EmbeddedKafkaFixture kafka, IEnumerable<CryptoPrice> prices) =>
        await ProduceAsync(kafka, prices.Select(p => (MessageKey.For(p), Json(p))));

    public static Task ProduceAsync(EmbeddedKafkaFixture kafka, IEnumerable<(string Key, byte[] Value)> messages) =>
        ProduceAsync(kafka, Topics.RawData, messages);

    public static Task ProducePagesAsync(EmbeddedKafkaFixture kafka, IEnumerable<CandleBatch> pages) =>
        ProduceAsync(kafka, Topics.Candles,
            pages.Select(p => (MessageKey.For(p.Symbol, p.Source), JsonSerializer.SerializeToUtf8Bytes(p, CryptoVizJsonContext.Default.CandleBatch))));

    private static async Task ProduceAsync(EmbeddedKafkaFixture kafka, string topic, IEnumerable<(string Key, byte[] Value)> messages)
    {
        using var producer = kafka.CreateProducer<string, byte[]>();
        foreach (var (key, value) in messages)
        {
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = value }, TestContext.Current.CancellationToken);
        }
    }
}
