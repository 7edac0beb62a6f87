using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Bench.Ingest;

/// <summary>
/// V2 records for 1,000 symbols × 3 sources, one per key and second, in time order as the scraper sends them,
/// plus every tenth record followed by a redelivery of one sent 500 records earlier (~10 % duplicates), as a
/// consumer restart would replay them. Many keys spread evenly over the partitions, which keeps each well
/// under the mock's ~5 MiB retention.
/// </summary>
internal sealed class IngestWorkload
{
    private const int Symbols = 1_000;
    private static readonly string[] s_sources = ["coingecko", "coinmarketcap", "binance"];

    private IngestWorkload(List<Message<string, byte[]>> messages, int distinct)
    {
        Messages = messages;
        DistinctRecords = distinct;
    }

    public List<Message<string, byte[]>> Messages { get; }

    public int DistinctRecords { get; }

    public long TotalBytes => Messages.Sum(m => (long)m.Value.Length + m.Key.Length);

    public static IngestWorkload Create(int records, DateTime nowUtc)
    {
        var keysPerSecond = Symbols * s_sources.Length;
        // Far enough back that the validator's clock-skew check never rejects the newest record.
        var start = nowUtc.Date.AddDays(-1);
        var unique = new List<Message<string, byte[]>>(records);
        var messages = new List<Message<string, byte[]>>(records + records / 10);
        for (var i = 0; i < records; i++)
        {
            var symbol = $"C{i % Symbols:D4}";
            var source = s_sources[i % keysPerSecond / Symbols];
            var price = new CryptoPrice
            {
                Name = $"Coin {symbol}",
                Symbol = symbol,
                Price = 100 + i % 997 * 0.37,
                PercentChange24h = i % 7 == 0 ? null : (i % 200 - 100) / 10.0,
                MarketCap = 1e9 + i,
                Source = source,
                Timestamp = start.AddSeconds(i / keysPerSecond),
                IngestionTimestamp = start.AddSeconds(i / keysPerSecond + 1),
                ProducerId = "bench-ingest",
            };
            var message = new Message<string, byte[]>
            {
                Key = MessageKey.For(price),
                Value = JsonSerializer.SerializeToUtf8Bytes(price, CryptoVizJsonContext.Default.CryptoPrice),
            };
            unique.Add(message);
            messages.Add(message);
            if (i % 10 == 9 && i >= 500) messages.Add(unique[i - 500]);
        }

        return new IngestWorkload(messages, records);
    }

    /// <returns>How long producing and flushing took.</returns>
    public TimeSpan Produce(string bootstrap, string topic)
    {
        using var producer = new ProducerBuilder<string, byte[]>(EmbeddedKafka.ProducerConfig(bootstrap))
            .SetLogHandler((_, _) => { })
            .Build();
        var started = Stopwatch.GetTimestamp();
        foreach (var message in Messages)
        {
            EmbeddedKafka.ProduceWithBackpressure(producer, topic, message);
        }

        producer.Flush(TimeSpan.FromMinutes(2));
        return Stopwatch.GetElapsedTime(started);
    }
}
