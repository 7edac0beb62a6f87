using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CryptoViz.Tests.Support;
using static CryptoViz.Tests.Stream.StreamTestKit;

namespace CryptoViz.Tests.Stream;

public sealed partial class StreamEndpointTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$")]
    private static partial Regex IsoWithoutZone();

    [GeneratedRegex(@"^([sp]\d+-\d+(\.[sp]\d+-\d+)*)?$")]
    private static partial Regex LogPosition();

    [Fact]
    public async Task Stream_opens_with_retry_and_welcome_then_forwards_valid_records_verbatim()
    {
        using var producer = kafka.StreamingProducer();
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers);
        using var http = app.CreateHttpClient();
        await http.WaitUntilStreamingAsync();

        await using var sse = await SseConnection.OpenAsync(http);
        Assert.Equal("text/event-stream", sse.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", sse.Response.Headers.CacheControl?.ToString());
        Assert.Equal("no", Assert.Single(sse.Response.Headers.GetValues("X-Accel-Buffering")));

        var welcome = await sse.ReadAsync();
        Assert.Equal(3000, welcome.Retry);
        Assert.Null(welcome.EventType);
        // Nothing read yet: the place where this instance started reading each partition.
        Assert.Matches(LogPosition(), welcome.Id);
        Assert.Equal("welcome", welcome.Type);
        Assert.Equal("Streaming CryptoViz Redpanda connecté", welcome.Json.GetProperty("message").GetString());
        Assert.Matches(@"^client_\d+$", welcome.Json.GetProperty("client_id").GetString());
        Assert.Matches(IsoWithoutZone(), welcome.Json.GetProperty("timestamp").GetString());
        Assert.Equal("redpanda", welcome.Json.GetProperty("backend").GetString());

        var first = Record("BNB", "coingecko", 861.24, "Binance Coin");
        await producer.ProduceAsync(first);
        var update = await sse.ReadAsync();
        Assert.Equal("crypto_update", update.Type);
        Assert.Null(update.EventType);
        Assert.Equal(first, update.Json.GetProperty("data").GetRawText());
        Assert.Equal("redpanda", update.Json.GetProperty("source").GetString());
        Assert.Matches(IsoWithoutZone(), update.Json.GetProperty("timestamp").GetString());
        Assert.Equal(["type", "data", "timestamp", "source"], update.Json.EnumerateObject().Select(p => p.Name));

        // Same key, same partition: order is kept, and the invalid record in between never reaches a client.
        await producer.ProduceAsync(Record("BNB", "coingecko", -1));
        var second = Record("BNB", "coingecko", 862.5, "Binance Coin");
        await producer.ProduceAsync(second);
        var next = await sse.ReadAsync();
        Assert.Equal(second, next.Json.GetProperty("data").GetRawText());
        // The second record's place: one partition further, the same record's partition, the others unchanged.
        var (before, after) = (OffsetsOf(update.Id!), OffsetsOf(next.Id!));
        var moved = Assert.Single(after, entry => before.GetValueOrDefault(entry.Key, -1) != entry.Value);
        Assert.True(moved.Value > before.GetValueOrDefault(moved.Key, -1));
        Assert.StartsWith("s", moved.Key, StringComparison.Ordinal);
    }

    /// <summary>An id's offsets by partition (<c>s0</c>: crypto-streaming's first).</summary>
    private static Dictionary<string, long> OffsetsOf(string id) =>
        id.Split('.', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split('-'))
            .ToDictionary(e => e[0], e => long.Parse(e[1], CultureInfo.InvariantCulture));

    [Fact]
    public async Task Filters_select_symbols_sources_and_event_types()
    {
        using var producer = kafka.StreamingProducer();
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers);
        using var http = app.CreateHttpClient();
        await http.WaitUntilStreamingAsync();

        await using var everything = await SseConnection.OpenAsync(http);
        await using var ethOnGecko = await SseConnection.OpenAsync(http, "?symbols=eth&sources=CoinGecko");
        await using var updatesOnly = await SseConnection.OpenAsync(http, "?types=crypto_update");
        Assert.Equal("welcome", (await everything.ReadAsync()).Type);
        Assert.Equal("welcome", (await ethOnGecko.ReadAsync()).Type);

        await producer.ProduceAsync(Record("BTC", "coinmarketcap", 111842.37));
        await producer.ProduceAsync(Record("ETH", "coinmarketcap", 4300.1));
        await producer.ProduceAsync(Record("ETH", "coingecko", 4299.9));
        // Once the unfiltered client has all three, every client's queue has had its chance at them.
        var seen = new HashSet<string>();
        while (seen.Count < 3)
        {
            var data = (await everything.ReadUpdateAsync()).Json.GetProperty("data");
            seen.Add(data.GetProperty("symbol").GetString() + "_" + data.GetProperty("source").GetString());
        }

        await producer.ProduceAsync(Record("ETH", "coingecko", 4301));
        var firstMatch = (await ethOnGecko.ReadAsync()).Json.GetProperty("data");
        var secondMatch = (await ethOnGecko.ReadAsync()).Json.GetProperty("data");
        Assert.True(firstMatch.Is("ETH", "coingecko") && firstMatch.GetProperty("price").GetDouble() == 4299.9);
        Assert.True(secondMatch.Is("ETH", "coingecko") && secondMatch.GetProperty("price").GetDouble() == 4301);

        var firstOfUpdatesOnly = await updatesOnly.ReadAsync();
        Assert.Equal("crypto_update", firstOfUpdatesOnly.Type);
        Assert.Equal(3000, firstOfUpdatesOnly.Retry);

        using var bad = await http.GetAsync("/stream?types=welcome,bogus", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_new_client_gets_the_latest_tick_per_symbol_and_source_after_welcome()
    {
        using var producer = kafka.StreamingProducer();
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers);
        using var http = app.CreateHttpClient();
        await http.WaitUntilStreamingAsync();
        await using var watcher = await SseConnection.OpenAsync(http);

        await producer.ProduceAsync(Record("BTC", "coinmarketcap", 100));
        await producer.ProduceAsync(Record("BTC", "coinmarketcap", 101));
        await producer.ProduceAsync(Record("ETH", "coingecko", 5));
        await watcher.ReadUpdateAsync(r => r.Is("BTC", "coinmarketcap") && r.GetProperty("price").GetDouble() == 101);
        await watcher.ReadUpdateAsync(r => r.Is("ETH", "coingecko"));

        await using var late = await SseConnection.OpenAsync(http);
        Assert.Equal("welcome", (await late.ReadAsync()).Type);
        var snapshot = new[] { await late.ReadAsync(), await late.ReadAsync() };
        Assert.All(snapshot, e => Assert.Equal("crypto_update", e.Type));
        Assert.True(OffsetsOf(snapshot[1].Id!).All(e => e.Value >= OffsetsOf(snapshot[0].Id!).GetValueOrDefault(e.Key, -1)));
        var records = snapshot.Select(e => e.Json.GetProperty("data")).ToList();
        Assert.Contains(records, r => r.Is("BTC", "coinmarketcap") && r.GetProperty("price").GetDouble() == 101);
        Assert.Contains(records, r => r.Is("ETH", "coingecko"));

        await producer.ProduceAsync(Record("SOL", "coingecko", 200));
        Assert.True((await late.ReadAsync()).Json.GetProperty("data").Is("SOL", "coingecko"));
    }

    [Fact]
    public async Task Last_Event_ID_resumes_from_the_buffer_and_falls_back_to_the_snapshot()
    {
        using var producer = kafka.StreamingProducer();
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers);
        using var http = app.CreateHttpClient();
        await http.WaitUntilStreamingAsync();
        await using var watcher = await SseConnection.OpenAsync(http);

        await producer.ProduceAsync(Record("BTC", "coinmarketcap", 100));
        var btc = await watcher.ReadUpdateAsync(r => r.Is("BTC", "coinmarketcap"));
        await producer.ProduceAsync(Record("ETH", "coinmarketcap", 5));
        await watcher.ReadUpdateAsync(r => r.Is("ETH", "coinmarketcap"));
        await producer.ProduceAsync(Record("SOL", "coinmarketcap", 200));
        await watcher.ReadUpdateAsync(r => r.Is("SOL", "coinmarketcap"));

        await using (var resumed = await SseConnection.OpenAsync(http, lastEventId: btc.Id))
        {
            var welcome = await resumed.ReadAsync();
            Assert.Equal("welcome", welcome.Type);
            Assert.Equal(btc.Id, welcome.Id);
            Assert.True((await resumed.ReadAsync()).Json.GetProperty("data").Is("ETH", "coinmarketcap"));
            Assert.True((await resumed.ReadAsync()).Json.GetProperty("data").Is("SOL", "coinmarketcap"));
            await producer.ProduceAsync(Record("ADA", "coinmarketcap", 0.8));
            Assert.True((await resumed.ReadAsync()).Json.GetProperty("data").Is("ADA", "coinmarketcap"));
        }

        // An id of another kind (earlier versions counted events): no place in the log, so the snapshot comes instead, and a
        // comment says why before it. Until the client has its snapshot it has no place: an empty id.
        await using var unknown = await SseConnection.OpenAsync(http, lastEventId: "12345");
        Assert.Equal("", (await unknown.ReadAsync()).Id);
        var symbols = new List<string>();
        for (var i = 0; i < 4; i++) symbols.Add((await unknown.ReadAsync()).Json.GetProperty("data").GetProperty("symbol").GetString()!);
        Assert.Equal(["ADA", "BTC", "ETH", "SOL"], symbols.Order());
        Assert.Equal((1, "no resume: Last-Event-ID is not a position of this stream; the snapshot follows"), (unknown.Comments, unknown.LastComment));
    }

    [Fact]
    public async Task An_idle_client_gets_heartbeats_with_stats_or_comments_when_it_filtered_them_out()
    {
        using var producer = kafka.StreamingProducer();
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers,
            new Dictionary<string, string?> { ["Stream:HeartbeatInterval"] = "00:00:00.300" });
        using var http = app.CreateHttpClient();
        await http.WaitUntilStreamingAsync();

        await using var quiet = await SseConnection.OpenAsync(http, "?types=crypto_update");
        await using var sse = await SseConnection.OpenAsync(http);
        Assert.Equal("welcome", (await sse.ReadAsync()).Type);
        var heartbeat = await sse.ReadAsync();
        Assert.Equal("heartbeat", heartbeat.Type);
        Assert.Null(heartbeat.EventType);
        Assert.Matches(LogPosition(), heartbeat.Id);
        Assert.Equal("redpanda", heartbeat.Json.GetProperty("backend").GetString());
        Assert.Matches(IsoWithoutZone(), heartbeat.Json.GetProperty("timestamp").GetString());
        var stats = heartbeat.Json.GetProperty("stats");
        Assert.Equal(2, stats.GetProperty("connected_clients").GetInt32());
        Assert.Equal(0, stats.GetProperty("messages_sent").GetInt64());
        Assert.Equal("connected", stats.GetProperty("redpanda_status").GetString());
        Assert.Equal("heartbeat", (await sse.ReadAsync()).Type);

        await producer.ProduceAsync(Record("BTC", "coinmarketcap", 100));
        Assert.Equal("crypto_update", (await quiet.ReadAsync()).Type);
        Assert.True(quiet.Comments > 0, "a client without heartbeats still gets keep-alive comments");
    }

    [Fact]
    public async Task Stats_and_health_report_V2_fields_with_per_client_message_counts_and_the_broker_kind()
    {
        using var producer = kafka.StreamingProducer();
        // The key the AppHost's Kafka__Broker variable sets on every service that references the broker.
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers, new Dictionary<string, string?> { ["Kafka:Broker"] = "embedded" });
        using var http = app.CreateHttpClient();
        await http.WaitUntilStreamingAsync();

        using (var healthResponse = await http.GetAsync("/health", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, healthResponse.StatusCode);
        }

        var health = await http.GetJsonAsync("/health");
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("ok", health.GetProperty("redpanda").GetString());
        Assert.Equal("active", health.GetProperty("streaming").GetString());
        Assert.Equal(0, health.GetProperty("clients").GetInt32());
        Assert.Equal("redpanda", health.GetProperty("backend").GetString());
        Assert.Matches(IsoWithoutZone(), health.GetProperty("timestamp").GetString());

        var before = await http.GetJsonAsync("/stats");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, before.GetProperty("last_data_received").ValueKind);
        Assert.Equal(0, before.GetProperty("messages_sent").GetInt64());

        await using var a = await SseConnection.OpenAsync(http);
        await using var b = await SseConnection.OpenAsync(http);
        await producer.ProduceAsync(Record("BTC", "coinmarketcap", 100));
        await a.ReadUpdateAsync();
        await b.ReadUpdateAsync();
        await EventuallyAsync(async () => (await http.GetJsonAsync("/stats")).GetProperty("messages_sent").GetInt64() == 2,
            "one record sent to two clients counts 2");

        var stats = await http.GetJsonAsync("/stats");
        Assert.Equal("redpanda", stats.GetProperty("backend").GetString());
        Assert.Equal(2, stats.GetProperty("connected_clients").GetInt32());
        Assert.Matches(IsoWithoutZone(), stats.GetProperty("last_data_received").GetString());
        Assert.Equal("connected", stats.GetProperty("redpanda_status").GetString());
        Assert.Matches(IsoWithoutZone(), stats.GetProperty("uptime").GetString());
        Assert.True(stats.GetProperty("uptime_seconds").GetDouble() >= 0);
        Assert.True(stats.GetProperty("events_per_second").GetDouble() >= 0);
        Assert.Equal(0, stats.GetProperty("dropped_events").GetInt64());
        Assert.Equal(0, stats.GetProperty("slow_clients_disconnected").GetInt64());
        Assert.True(stats.GetProperty("slowest_client_lag").GetDouble() >= 0);
        Assert.Equal("embedded", stats.GetProperty("broker").GetString());
    }

    [Fact]
    public async Task Health_is_500_and_unhealthy_while_the_broker_is_unreachable()
    {
        await using var app = StreamAppFactory.Start("127.0.0.1:1");
        using var http = app.CreateHttpClient();

        using var response = await http.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var health = await http.GetJsonAsync("/health");
        Assert.Equal("unhealthy", health.GetProperty("status").GetString());
        Assert.Equal("error", health.GetProperty("redpanda").GetString());
        Assert.Equal("inactive", health.GetProperty("streaming").GetString());
        Assert.NotEqual("connected", (await http.GetJsonAsync("/stats")).GetProperty("redpanda_status").GetString());
    }

    [Fact]
    public async Task Clients_beyond_the_limit_get_503_until_a_place_frees()
    {
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers, new Dictionary<string, string?> { ["Stream:MaxClients"] = "2" });
        using var http = app.CreateHttpClient();
        var first = await SseConnection.OpenAsync(http);
        await using var second = await SseConnection.OpenAsync(http);

        using var refused = await http.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        await first.DisposeAsync();
        await Eventually.GetAsync(async () => (int?)(await http.GetJsonAsync("/stats")).GetProperty("connected_clients").GetInt32(),
            n => n == 1, TimeSpan.FromSeconds(15), "the first client to leave");
        await using var third = await SseConnection.OpenAsync(http);
        Assert.Equal("welcome", (await third.ReadAsync()).Type);
    }

    [Fact]
    public async Task Concurrent_connections_admit_exactly_the_limit_and_the_places_free_again_when_they_leave()
    {
        const int limit = 4;
        const int attempts = 64;
        const int keys = 20_000;
        using var producer = kafka.StreamingProducer();
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers, new Dictionary<string, string?>
        {
            ["Stream:MaxClients"] = limit.ToString(CultureInfo.InvariantCulture),
            ["Stream:MaxSnapshotKeys"] = keys.ToString(CultureInfo.InvariantCulture),
            // Room for all of them at once in the watcher's queue, which would otherwise be cut off as too far behind.
            ["Stream:ClientQueueCapacity"] = keys.ToString(CultureInfo.InvariantCulture),
        });
        using var http = app.CreateHttpClient();
        await http.WaitUntilStreamingAsync();
        // A large snapshot to filter makes each admission take a while, as on a busy server: it widens any gap between
        // deciding to admit a client and counting it in.
        await using (var watcher = await SseConnection.OpenAsync(http))
        {
            for (var k = 0; k < keys; k++) producer.Produce(Record($"S{k}", "admission", 1));
            producer.Flush(Ct);
            for (var k = 0; k < keys; k++) await watcher.ReadUpdateAsync();
        }

        // Each round needs the places the one before it gave back.
        for (var round = 0; round < 5; round++)
        {
            await EventuallyAsync(async () => (await http.GetJsonAsync("/stats")).GetProperty("connected_clients").GetInt32() == 0,
                "every client has left");
            var responses = await Task.WhenAll(Enumerable.Range(0, attempts).Select(_ =>
                http.GetAsync("/stream?symbols=NONE", HttpCompletionOption.ResponseHeadersRead, Ct)));
            try
            {
                Assert.Equal(limit, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
                Assert.Equal(attempts - limit, responses.Count(r => r.StatusCode == HttpStatusCode.ServiceUnavailable));
            }
            finally
            {
                foreach (var response in responses) response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Test_endpoint_broadcasts_a_fake_crypto_update_in_development()
    {
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers);
        using var http = app.CreateHttpClient();
        await using var sse = await SseConnection.OpenAsync(http);
        Assert.Equal("welcome", (await sse.ReadAsync()).Type);

        var reply = await http.GetJsonAsync("/test");
        Assert.Equal("redpanda", reply.GetProperty("backend").GetString());
        Assert.Equal(1, reply.GetProperty("clients_notified").GetInt32());
        Assert.Equal("Test data broadcasted to streaming clients", reply.GetProperty("message").GetString());
        Assert.Equal("TEST", reply.GetProperty("data").GetProperty("symbol").GetString());
        Assert.Equal("test-endpoint", reply.GetProperty("data").GetProperty("producer_id").GetString());

        var update = await sse.ReadAsync();
        Assert.Equal("crypto_update", update.Type);
        Assert.Equal("test-endpoint", update.Json.GetProperty("source").GetString());
        Assert.Equal(reply.GetProperty("data").GetRawText(), update.Json.GetProperty("data").GetRawText());
    }

    [Theory]
    [InlineData("Development", "false")]
    [InlineData("Production", "false")]
    public async Task Test_endpoint_is_not_mapped_unless_enabled(string environment, string enabled)
    {
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers,
            new Dictionary<string, string?> { ["Stream:EnableTestEndpoint"] = enabled }, environment);
        using var http = app.CreateHttpClient();

        using var response = await http.GetAsync("/test", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Test_endpoint_enabled_in_configuration_works_in_production()
    {
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers,
            new Dictionary<string, string?> { ["Stream:EnableTestEndpoint"] = "true" }, "Production");
        using var http = app.CreateHttpClient();
        await using var sse = await SseConnection.OpenAsync(http);
        Assert.Equal("welcome", (await sse.ReadAsync()).Type);

        var reply = await http.GetJsonAsync("/test");

        Assert.Equal(1, reply.GetProperty("clients_notified").GetInt32());
        Assert.Equal("test-endpoint", (await sse.ReadAsync()).Json.GetProperty("source").GetString());
    }

    [Theory]
    [InlineData("/stream")]
    [InlineData("/stats")]
    [InlineData("/health")]
    public async Task Public_endpoints_answer_any_origin_without_credentials_by_default(string path)
    {
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers,
            new Dictionary<string, string?> { ["Stream:EnableTestEndpoint"] = "true" });
        using var http = app.CreateHttpClient();

        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", "http://any-page.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "cache-control,last-event-id");
        using var allowed = await http.SendAsync(preflight, Ct);
        using var get = new HttpRequestMessage(HttpMethod.Get, path);
        get.Headers.Add("Origin", "http://any-page.example");
        using var read = await http.SendAsync(get, HttpCompletionOption.ResponseHeadersRead, Ct);

        Assert.Equal("*", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("last-event-id", string.Join(',', allowed.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("*", Assert.Single(read.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(read.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Test_endpoint_is_not_offered_to_other_origins()
    {
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers);
        using var http = app.CreateHttpClient();

        using var get = new HttpRequestMessage(HttpMethod.Get, "/test");
        get.Headers.Add("Origin", "http://any-page.example");
        using var response = await http.SendAsync(get, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_admits_only_configured_origins()
    {
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers,
            new Dictionary<string, string?> { ["Stream:AllowedOrigins:0"] = "http://dashboard.example" });
        using var http = app.CreateHttpClient();

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/stream");
        preflight.Headers.Add("Origin", "http://dashboard.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "cache-control");
        using var allowed = await http.SendAsync(preflight, Ct);
        Assert.Equal("http://dashboard.example", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("cache-control", string.Join(',', allowed.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);

        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/stats");
        foreign.Headers.Add("Origin", "http://elsewhere.example");
        using var refused = await http.SendAsync(foreign, Ct);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
