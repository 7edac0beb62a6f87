using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Ingest;
using CryptoViz.Ingest.Model;
using CryptoViz.Ingest.Services;
using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Tests.Ingest;

/// <summary>
/// Ingest as a whole: the real service host, a real broker and a real DuckDB file, each new per test
/// because Ingest always reads the one raw topic.
/// </summary>
public sealed class IngestTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(45);
    private readonly string _directory = Directory.CreateTempSubdirectory("cryptoviz-ingest-").FullName;
    private readonly EmbeddedKafkaFixture _kafka = new();
    private readonly string _group = $"ingest-{Guid.NewGuid():N}";

    // The records' time: recent, as live ticks are (Ingest dead-letters ticks older than its raw retention).
    private readonly DateTime _start = UtcMinute.Floor(DateTime.UtcNow).AddMinutes(-1);
    private WebApplicationFactory<IngestOptions> _ingest = null!;

    public ValueTask InitializeAsync()
    {
        _ingest = StartIngest();
        return ValueTask.CompletedTask;
    }

    /// <summary>Ingest on this test's broker, database and consumer group, its consume loop running.</summary>
    private WebApplicationFactory<IngestOptions> StartIngest()
    {
        // UseSetting, not ConfigureAppConfiguration: Program reads these while it builds, before late sources apply.
        var ingest = new WebApplicationFactory<IngestOptions>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in _kafka.ServiceConfiguration) web.UseSetting(key, value);
            web.UseSetting("ConnectionStrings:duckdb", $"DataSource={Path.Combine(_directory, "test.duckdb")}");
            web.UseSetting("Ingest:ConsumerGroup", _group);
            web.UseSetting("Ingest:BatchWindow", "00:00:00.050");
            web.UseSetting("Aspire:Confluent:Kafka:Consumer:Config:StatisticsIntervalMs", "200");
            // Offsets reach the broker only when the consumer closes: what a test sees never depends on a timed commit.
            web.UseSetting("Aspire:Confluent:Kafka:Consumer:Config:AutoCommitIntervalMs", "600000");
        });
        _ = ingest.Server;
        return ingest;
    }

    [Fact]
    public async Task Stores_every_record_once_even_when_it_is_delivered_twice()
    {
        var records = Enumerable.Range(0, 30).Select(i => Record($"C{i % 10}", second: i / 10)).ToList();
        await ProduceAsync(records.Select(Json));
        await ProduceAsync(records.Select(Json)); // a redelivery of the whole stream
        var store = _ingest.Services.GetRequiredService<PriceStore>();
        using var http = _ingest.CreateClient();

        await StoredRowsAsync(30);
        var latest = await http.GetFromJsonAsync("/api/prices/latest", CryptoVizJsonContext.Default.IReadOnlyListCryptoPrice, TestContext.Current.CancellationToken);

        Assert.Equal(10, latest!.Count);
        Assert.All(latest, p => Assert.Equal(_start.AddSeconds(2), p.Timestamp));
        Assert.Equal(30, await new PriceQueries(store).CountRowsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Sends_an_invalid_message_to_the_dead_letter_topic_with_reason_and_origin_and_goes_on()
    {
        using var dlq = DeadLetterConsumer();
        var garbage = Encoding.UTF8.GetBytes("<html><body>502 Bad Gateway</body></html>");

        await ProduceAsync([garbage, Json(Record("GOOD", second: 0))]);

        using var timeout = new CancellationTokenSource(s_timeout);
        var dead = dlq.Consume(timeout.Token);
        Assert.Equal(garbage, dead.Message.Value);
        Assert.StartsWith("invalid JSON", Header(dead, DeadLetterPublisher.ReasonHeader));
        Assert.Equal(Topics.RawData, Header(dead, DeadLetterPublisher.OriginTopicHeader));
        Assert.NotNull(Header(dead, DeadLetterPublisher.OriginOffsetHeader));
        var store = _ingest.Services.GetRequiredService<PriceStore>();
        await Eventually.GetAsync(() => new PriceQueries(store).GetLatestAsync(TestContext.Current.CancellationToken).ContinueWith(t => (IReadOnlyList<CryptoPrice>?)t.Result),
            l => l?.Any(p => p.Symbol == "GOOD") == true, s_timeout, "the valid record after the bad one");
    }

    [Fact]
    public async Task A_poison_message_too_big_for_the_dead_letter_topic_goes_there_cut_down_and_ingestion_goes_on()
    {
        // Arrange: a value that fits the raw topic, but not once the dead-letter headers are added to it.
        using var dlq = DeadLetterConsumer();
        var poison = new byte[999_900];
        Array.Fill(poison, (byte)'x');

        // Act
        await ProduceAsync([poison, Json(Record("AFTER", second: 0))]);

        // Assert: the valid record after it is stored; the dead letter says why, how big the original was and where it is.
        var store = _ingest.Services.GetRequiredService<PriceStore>();
        await Eventually.GetAsync(() => new PriceQueries(store).GetLatestAsync(TestContext.Current.CancellationToken).ContinueWith(t => (IReadOnlyList<CryptoPrice>?)t.Result),
            l => l?.Any(p => p.Symbol == "AFTER") == true, s_timeout, "the valid record after the poison");
        using var timeout = new CancellationTokenSource(s_timeout);
        var dead = dlq.Consume(timeout.Token);
        Assert.StartsWith("invalid JSON", Header(dead, DeadLetterPublisher.ReasonHeader));
        Assert.Equal("999900", Header(dead, DeadLetterPublisher.TruncatedHeader));
        Assert.Equal(poison.AsSpan(0, dead.Message.Value.Length).ToArray(), dead.Message.Value);
        Assert.True(dead.Message.Value.Length < poison.Length);
        Assert.Equal("0", Header(dead, DeadLetterPublisher.OriginOffsetHeader));
    }

    [Fact]
    public async Task A_dead_letter_the_broker_refuses_is_tried_again_until_it_is_in_and_nothing_is_lost()
    {
        // Arrange: the dead-letter topic refuses writes.
        _kafka.SetTopicError(Topics.DeadLetter, ErrorCode.TopicAuthorizationFailed);
        var garbage = Encoding.UTF8.GetBytes("{\"symbol\":");
        var store = _ingest.Services.GetRequiredService<PriceStore>();

        // Act: a bad message and a good one; the good one is stored while the dead letter cannot be written; then the
        // topic takes writes again.
        await ProduceAsync([garbage, Json(Record("GOOD", second: 0))]);
        await Eventually.GetAsync(() => new PriceQueries(store).GetLatestAsync(TestContext.Current.CancellationToken).ContinueWith(t => (IReadOnlyList<CryptoPrice>?)t.Result),
            l => l?.Any(p => p.Symbol == "GOOD") == true, s_timeout, "the valid record stored");
        _kafka.SetTopicError(Topics.DeadLetter, ErrorCode.NoError);
        using var dlq = DeadLetterConsumer();
        using var timeout = new CancellationTokenSource(s_timeout);
        var dead = dlq.Consume(timeout.Token);

        // Assert: the dead letter arrives once the topic is back.
        Assert.Equal(garbage, dead.Message.Value);
    }

    [Fact]
    public async Task Dead_letters_a_tick_older_than_the_raw_retention_or_too_far_ahead_with_the_reason_and_stores_one_within()
    {
        // Arrange: by Ingest's clock, a tick a day older than the raw ticks are kept, one further ahead than the allowed
        // clock skew, and one a minute old.
        using var dlq = DeadLetterConsumer();
        using var rejections = new Rejections(_ingest.Services.GetRequiredService<IngestTelemetry>());
        var now = UtcMinute.Floor(_ingest.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var rawDays = _ingest.Services.GetRequiredService<IOptions<RetentionOptions>>().Value.RawDays;
        var old = Json(Quote("OLD", now.AddDays(-rawDays - 1)));
        var ahead = Json(Quote("AHEAD", now + CryptoPriceValidator.MaxClockSkew + TimeSpan.FromMinutes(2)));

        // Act
        await ProduceAsync([old, ahead, Json(Quote("WITHIN", now.AddMinutes(-1)))]);

        // Assert: only the one within is stored (the others came before it, in its partition); the others are dead
        // letters with their reasons, counted by reason.
        var store = _ingest.Services.GetRequiredService<PriceStore>();
        var latest = await Eventually.GetAsync(() => new PriceQueries(store).GetLatestAsync(TestContext.Current.CancellationToken).ContinueWith(t => (IReadOnlyList<CryptoPrice>?)t.Result),
            l => l?.Any(p => p.Symbol == "WITHIN") == true, s_timeout, "the tick within the window");
        Assert.Equal(["WITHIN"], latest.Select(p => p.Symbol));
        using var timeout = new CancellationTokenSource(s_timeout);
        var dead = new[] { dlq.Consume(timeout.Token), dlq.Consume(timeout.Token) };
        Assert.Equal([old, ahead], dead.Select(d => d.Message.Value));
        Assert.StartsWith("timestamp is older than the retention window: before ", Header(dead[0], DeadLetterPublisher.ReasonHeader));
        Assert.Equal("timestamp is in the future", Header(dead[1], DeadLetterPublisher.ReasonHeader));
        Assert.Equal(["timestamp is older than the retention window", "timestamp is in the future"], rejections.Reasons);
    }

    [Fact]
    public async Task Reports_as_lag_what_is_not_stored_yet_not_what_is_not_committed_yet()
    {
        await ProduceAsync(Enumerable.Range(0, 10).Select(i => Json(Record($"L{i % 5}", second: i / 5))));
        await StoredRowsAsync(10);
        // Stopping commits the stored offsets; the next Ingest stores more and commits nothing until it stops in turn.
        await _ingest.DisposeAsync();
        _ingest = StartIngest();
        await ProduceAsync(Enumerable.Range(10, 20).Select(i => Json(Record($"L{i % 5}", second: i / 5))));
        await StoredRowsAsync(30);
        using var http = _ingest.CreateClient();

        var stats = await Eventually.GetAsync(() => http.GetFromJsonAsync("/api/stats", IngestApiJsonContext.Default.StoreStats, TestContext.Current.CancellationToken),
            s => s?.ConsumerLag == 0, s_timeout, "no lag once everything is stored");

        Assert.Equal(30, stats.Rows);
        Assert.Equal(20, await UncommittedAsync());
    }

    [Fact]
    public async Task Stores_history_pages_once_each_and_dead_letters_a_bad_page_whole()
    {
        // Arrange: a page of two hours ending an hour ago (every minute but the page's last), and one with an impossible candle.
        using var dlq = DeadLetterConsumer();
        var now = DateTime.UtcNow;
        var from = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc).AddHours(-3);
        var page = Page("HIST", from, from.AddHours(2), minutes: 119);
        var bad = Page("BAD", from, from.AddHours(1), minutes: 60);
        bad = bad with { Candles = [.. bad.Candles.Take(59), bad.Candles[59] with { High = 1 }] };

        // Act: the good page twice (a redelivery), the bad one between.
        await ProduceAsync([Json(page), Json(bad), Json(page)], Topics.Candles);
        using var http = _ingest.CreateClient();
        var coverage = await Eventually.GetAsync(
            () => http.GetFromJsonAsync($"/api/history/coverage?from={from.AddDays(-1):O}", CryptoVizJsonContext.Default.IReadOnlyListCoveredRange, TestContext.Current.CancellationToken),
            c => c?.Count > 0, s_timeout, "the page's range as coverage");
        using var timeout = new CancellationTokenSource(s_timeout);
        var dead = dlq.Consume(timeout.Token);
        // Pages ahead of the rollup wait for it (up to its 10 s interval) before queries read them.
        var candles = await Eventually.GetAsync(
            () => http.GetFromJsonAsync($"/api/coins/HIST/candles?interval=1m&source=test&from={from:O}&to={from.AddHours(2):O}",
                IngestApiJsonContext.Default.CandleSeries, TestContext.Current.CancellationToken),
            c => c?.Candles.Count > 0, s_timeout, "the page's candles");

        // Assert: the page's whole range is covered, its 119 candles stored once; the bad page is dead-lettered as it was.
        Assert.Equal([new CoveredRange("HIST", "test", from, from.AddHours(2))], coverage);
        Assert.Equal(119, candles.Candles.Count);
        Assert.Equal(page.Candles.Select(c => (c.Time, c.Close, c.Volume ?? 0)), candles.Candles.Select(c => (c.Time, c.Close, c.Volume)));
        Assert.Equal(Json(bad), dead.Message.Value);
        Assert.Equal(Topics.Candles, Header(dead, DeadLetterPublisher.OriginTopicHeader));
        Assert.Equal("a candle's low and high must bound its open and close", Header(dead, DeadLetterPublisher.ReasonHeader));
    }

    private Task<long?> StoredRowsAsync(long rows)
    {
        var store = _ingest.Services.GetRequiredService<PriceStore>();
        return Eventually.GetAsync(() => new PriceQueries(store).CountRowsAsync(TestContext.Current.CancellationToken).ContinueWith(t => (long?)t.Result),
            stored => stored == rows, s_timeout, $"{rows} stored rows");
    }

    /// <summary>What the broker holds beyond the ingest group's committed offsets on the raw topic.</summary>
    private async Task<long> UncommittedAsync()
    {
        using var probe = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = _group }).Build();
        var partitions = Enumerable.Range(0, Topics.SeedPartitions).Select(p => new TopicPartition(Topics.RawData, p)).ToList();
        var committed = await Task.Run(() => probe.Committed(partitions, TimeSpan.FromSeconds(10)), TestContext.Current.CancellationToken);
        return committed.Sum(c => probe.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(10)).High.Value - Math.Max(0, c.Offset.Value));
    }

    /// <summary>A reader of the dead-letter topic from its start, in a group of its own.</summary>
    private IConsumer<string, byte[]> DeadLetterConsumer()
    {
        var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = _kafka.BootstrapServers, GroupId = $"dlq-{Guid.NewGuid():N}", AutoOffsetReset = AutoOffsetReset.Earliest, FetchWaitMaxMs = 10,
        }).Build();
        consumer.Subscribe(Topics.DeadLetter);
        return consumer;
    }

    private static string? Header(ConsumeResult<string, byte[]> r, string name) =>
        r.Message.Headers.TryGetLastBytes(name, out var v) ? Encoding.UTF8.GetString(v) : null;

    private CryptoPrice Record(string symbol, int second) => Quote(symbol, _start.AddSeconds(second)) with
    {
        Price = 100 + second,
    };

    private static CryptoPrice Quote(string symbol, DateTime time) => new()
    {
        Name = symbol, Symbol = symbol, Price = 100, PercentChange24h = 1.5, MarketCap = 1e9, Source = "test",
        Timestamp = time, IngestionTimestamp = time, ProducerId = "ingest-tests",
    };

    private static byte[] Json(CryptoPrice p) => JsonSerializer.SerializeToUtf8Bytes(p, CryptoVizJsonContext.Default.CryptoPrice);

    private static byte[] Json(CandleBatch b) => JsonSerializer.SerializeToUtf8Bytes(b, CryptoVizJsonContext.Default.CandleBatch);

    /// <summary>A page of [from, to) with a candle in each of its first <paramref name="minutes"/> minutes.</summary>
    private static CandleBatch Page(string symbol, DateTime from, DateTime to, int minutes) => new()
    {
        Symbol = symbol, Name = symbol, Source = "test", From = from, To = to, ProducerId = "ingest-tests", IngestionTimestamp = to,
        Candles = [.. Enumerable.Range(0, minutes).Select(i => new HistoryCandle
        {
            Time = from.AddMinutes(i), Open = 100 + i, High = 102 + i, Low = 99 + i, Close = 101 + i, Volume = i, QuoteVolume = i * 100,
        })],
    };

    private async Task ProduceAsync(IEnumerable<byte[]> values, string topic = Topics.RawData)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build();
        foreach (var value in values)
        {
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = "k", Value = value }, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The reasons this Ingest counted rejections under, from its own <c>cryptoviz.ingest.rejected</c> counter.</summary>
    private sealed class Rejections : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<string> _reasons = new();

        public Rejections(IngestTelemetry telemetry)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument, telemetry.Rejected)) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "reason") _reasons.Enqueue((string)tag.Value!);
                }
            });
            _listener.Start();
        }

        public string[] Reasons => [.. _reasons];

        public void Dispose() => _listener.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _ingest.DisposeAsync();
        _kafka.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
