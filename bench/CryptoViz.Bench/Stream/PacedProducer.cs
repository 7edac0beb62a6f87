using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// Produces valid V2 records at a fixed rate for 100 symbols × 3 sources, each stamped with its send time.
/// Sends are paced against the clock every millisecond, so a late wake-up is caught up, not lost.
/// </summary>
internal static class PacedProducer
{
    private static readonly string[] s_sources = ["coingecko", "coinmarketcap", "binance"];

    /// <returns>How many records were sent, in all and inside the measured window.</returns>
    public static (long Sent, long Measured) Run(string bootstrap, string topic, int ratePerSecond, TimeSpan duration, MeasureWindow window)
    {
        using var producer = new ProducerBuilder<string, byte[]>(EmbeddedKafka.ProducerConfig(bootstrap))
            .SetLogHandler((_, _) => { })
            .Build();
        var started = Stopwatch.GetTimestamp();
        long sent = 0, measured = 0;
        while (Stopwatch.GetElapsedTime(started) is var elapsed && elapsed < duration)
        {
            var due = (long)(elapsed.TotalSeconds * ratePerSecond);
            for (; sent < due; sent++)
            {
                var stamp = Stopwatch.GetTimestamp();
                if (window.Contains(stamp)) measured++;
                var price = Record(sent, stamp);
                EmbeddedKafka.ProduceWithBackpressure(producer, topic, new Message<string, byte[]>
                {
                    Key = MessageKey.For(price),
                    Value = JsonSerializer.SerializeToUtf8Bytes(price, CryptoVizJsonContext.Default.CryptoPrice),
                });
            }

            Thread.Sleep(1);
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        return (sent, measured);
    }

    private static CryptoPrice Record(long sequence, long stamp)
    {
        var now = DateTime.UtcNow;
        var symbol = $"C{sequence % 100:D3}";
        return new CryptoPrice
        {
            Name = $"Coin {symbol}",
            Symbol = symbol,
            Price = 100 + sequence % 997 * 0.37,
            PercentChange24h = 1.5,
            MarketCap = 1e9,
            Source = s_sources[sequence / 100 % s_sources.Length],
            Timestamp = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc),
            IngestionTimestamp = V2Time.TruncateToMicroseconds(now),
            ProducerId = SendStamp.Format(stamp),
        };
    }
}
