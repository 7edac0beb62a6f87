using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Ingest.Storage;
using CryptoViz.ServiceDefaults.Resilience;
using DuckDB.NET.Data;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// Gives the lake the history this replica's hot store holds and the lake does not (docs/lake.md#history-from-before-the-lake):
/// when Ingest starts, the store's 1-minute candles of the minutes the lake has no candle of go out as history pages on
/// <c>crypto-candles</c>, which the lake's writer takes as it takes a backfill's, and every other replica's store too. A
/// page never spans a missing minute, so that no store takes a hole for a covered range. What the lake holds is the
/// only record of what was given: a start before the lake wrote the pages gives them again (the lake and the stores
/// drop what they have), and after a failure the next try does the same.
/// </summary>
internal sealed class LakeSeeder(
    PriceStore store,
    LakeLayout layout,
    IProducer<string, byte[]> producer,
    TimeProvider time,
    ILogger<LakeSeeder> logger) : BackgroundService
{
    public const string ProducerId = "cryptoviz-ingest-lake-seed";
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_flushTimeout = TimeSpan.FromMinutes(1);

    // The first delivery error of the current try, set by the producer's delivery reports.
    private Error? _failure;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var retry = 1; ; retry++)
        {
            try
            {
                await SeedAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is KafkaException or DuckDBException or IOException)
            {
                var delay = ExponentialBackoff.Delay(retry, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
                IngestLog.LakeSeedFailed(logger, ex, layout.Root, delay);
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }

    /// <returns>How many candles went out: none when the lake has every minute the store has.</returns>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        using var activity = IngestTelemetry.Source.StartActivity("lake seed");
        var started = Stopwatch.GetTimestamp();
        await using var connection = await QueryViews.WithLake(layout.Root).OpenAsync(store, cancellationToken);
        var (candles, series, pages) = Publish(connection, cancellationToken);
        Flush(cancellationToken);
        if (_failure is { } failure) throw new KafkaException(failure);

        activity?.SetTag("cryptoviz.lake.candles", candles);
        IngestLog.LakeSeeded(logger, layout.Root, candles, series, pages, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return candles;
    }

    // Bounded, and given up at once when Ingest stops: a stop must not wait for a broker that does not answer.
    private void Flush(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(s_flushTimeout);
        try
        {
            producer.Flush(bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KafkaException(new Error(ErrorCode.Local_TimedOut, "history pages still queued after a minute"));
        }
    }

    private (int Candles, int Series, int Pages) Publish(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        _failure = null;
        using var command = connection.Command(LakeSeedSql.Unseeded);
        using var reader = command.ExecuteReader();
        var (candles, series, pages) = (0, 0, 0);
        PageBuilder? page = null;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (symbol, source, bucket) = (reader.GetString(0), reader.GetString(1), reader.GetDateTime(3));
            var candle = new HistoryCandle
            {
                Time = DateTime.SpecifyKind(bucket, DateTimeKind.Utc),
                Open = reader.GetDouble(4), High = reader.GetDouble(5), Low = reader.GetDouble(6), Close = reader.GetDouble(7),
                Volume = reader.IsDBNull(8) ? null : reader.GetDouble(8), QuoteVolume = reader.IsDBNull(9) ? null : reader.GetDouble(9),
            };
            if (page is null || page.Symbol != symbol || page.Source != source) series++;
            if (page is null || !page.Continues(symbol, source, candle.Time))
            {
                if (page is not null) pages += Produce(page);
                page = new PageBuilder(symbol, source, reader.GetString(2));
            }

            page.Candles.Add(candle);
            candles++;
        }

        if (page is not null) pages += Produce(page);
        return (candles, series, pages);
    }

    private int Produce(PageBuilder page)
    {
        var batch = new CandleBatch
        {
            Symbol = page.Symbol, Name = page.Name, Source = page.Source,
            From = page.Candles[0].Time, To = page.Candles[^1].Time + s_minute, Candles = page.Candles,
            ProducerId = ProducerId, IngestionTimestamp = time.GetUtcNow().UtcDateTime,
        };
        producer.Produce(Topics.Candles, new Message<string, byte[]>
        {
            Key = MessageKey.For(page.Symbol, page.Source),
            Value = JsonSerializer.SerializeToUtf8Bytes(batch, CryptoVizJsonContext.Default.CandleBatch),
        }, report =>
        {
            if (report.Error.IsError) _failure = report.Error;
        });
        return 1;
    }

    // One series' consecutive minutes, up to a page's worth.
    private sealed class PageBuilder(string symbol, string source, string name)
    {
        public string Symbol { get; } = symbol;

        public string Source { get; } = source;

        public string Name { get; } = name;

        public List<HistoryCandle> Candles { get; } = [];

        public bool Continues(string symbol, string source, DateTime time) =>
            Symbol == symbol && Source == source && Candles.Count < CandleBatch.MaxCandles && time == Candles[^1].Time + s_minute;
    }
}
