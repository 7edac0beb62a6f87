using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Bench.Faults;

/// <summary>
/// Valid records on <c>crypto-raw-data</c> at a steady rate beside the Scraper's own (~20 ticks/s at the development
/// load), from source <see cref="Source"/>, so that every fault hits batches in flight. Produced as the Scraper does
/// (idempotent, acks=all, gzip) but lingering 100 ms: bigger compressed batches keep minutes of load inside the embedded
/// broker's ~5 MiB per partition. A record the broker never takes is not on the topic, so it is not counted as published.
/// </summary>
internal sealed class TickLoad : IDisposable
{
    public const string Source = "fault-bench";
    private const int Symbols = 20;

    private readonly IProducer<string, byte[]> _producer;
    private readonly int _perSecond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _undelivered;

    private TickLoad(string bootstrapServers, int perSecond)
    {
        _perSecond = perSecond;
        var config = EmbeddedKafka.ProducerConfig(bootstrapServers);
        config.LingerMs = 100;
        config.CompressionType = CompressionType.Gzip;
        _producer = new ProducerBuilder<string, byte[]>(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        _thread = new Thread(Run) { IsBackground = true, Name = "tick load" };
        _thread.Start();
    }

    public static TickLoad? Start(string bootstrapServers, int perSecond) => perSecond > 0 ? new TickLoad(bootstrapServers, perSecond) : null;

    /// <summary>Records whose delivery failed (the producer's timeout): never on the topic.</summary>
    public long Undelivered => Interlocked.Read(ref _undelivered);

    private void Run()
    {
        var started = Stopwatch.GetTimestamp();
        var random = new Random(2024);
        var prices = Enumerable.Range(0, Symbols).Select(i => 10.0 * (i + 1)).ToArray();
        var lastTimes = new DateTime[Symbols];
        long sent = 0;
        while (!_stop.Token.WaitHandle.WaitOne(10))
        {
            var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * _perSecond);
            for (; sent < due; sent++)
            {
                var coin = (int)(sent % Symbols);
                prices[coin] *= 1 + (random.NextDouble() - 0.5) / 1000;
                // Every record a key of its own, even when a catch-up after a pause sends several within a microsecond.
                var now = V2Time.TruncateToMicroseconds(DateTime.UtcNow);
                now = lastTimes[coin] = now > lastTimes[coin] ? now : lastTimes[coin].AddTicks(10);
                var price = new CryptoPrice
                {
                    Name = $"Fault bench {coin}", Symbol = $"FB{coin}", Price = prices[coin], MarketCap = prices[coin] * 1e6, Source = Source,
                    Timestamp = now, EventTime = now, IngestionTimestamp = now, ProducerId = "cryptoviz-bench",
                };
                var message = new Message<string, byte[]>
                {
                    Key = MessageKey.For(price), Value = JsonSerializer.SerializeToUtf8Bytes(price, CryptoVizJsonContext.Default.CryptoPrice),
                };
                _producer.Produce(Topics.RawData, message, report =>
                {
                    if (report.Error.IsError) Interlocked.Increment(ref _undelivered);
                });
            }

            _producer.Poll(TimeSpan.Zero);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }
}
