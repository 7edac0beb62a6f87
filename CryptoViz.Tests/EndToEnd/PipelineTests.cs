using System.Net.Http.Json;
using System.Text.Json;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Tests.EndToEnd;

[Collection(AppHostCollection.Name)]
public sealed class PipelineTests(AppHostFixture fixture)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Stream_sends_welcome_then_V2_crypto_updates()
    {
        using var http = fixture.CreateHttpClient("stream");
        using var cts = new CancellationTokenSource(s_timeout);
        using var response = await http.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));

        var types = new List<string>();
        JsonElement update = default;
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            using var doc = JsonDocument.Parse(line["data: ".Length..]);
            var type = doc.RootElement.GetProperty("type").GetString()!;
            types.Add(type);
            if (type == "crypto_update")
            {
                update = doc.RootElement.Clone();
                break;
            }
        }

        Assert.Equal("welcome", types[0]);
        var record = update.GetProperty("data");
        foreach (var field in new[] { "name", "symbol", "price", "percent_change_24h", "market_cap", "source", "timestamp", "ingestion_timestamp", "producer_id", "schema_version" })
        {
            Assert.True(record.TryGetProperty(field, out _), $"crypto_update.data lacks {field}");
        }

        Assert.Equal("redpanda", update.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Ingest_stores_ticks_for_at_least_ten_coins()
    {
        using var http = fixture.CreateHttpClient("ingest");

        var latest = await Eventually.GetAsync(
            () => http.GetFromJsonAsync("/api/prices/latest", CryptoVizJsonContext.Default.IReadOnlyListCryptoPrice),
            prices => prices?.Count >= 10, s_timeout, "ten coins stored");

        Assert.All(latest, p => Assert.True(p.Price > 0));
        Assert.Equal(latest.Count, latest.Select(p => MessageKey.For(p)).Distinct().Count());
    }

    [Fact]
    public async Task Ingest_answers_the_stored_history_of_every_series_at_once()
    {
        using var http = fixture.CreateHttpClient("ingest");

        var history = await Eventually.GetAsync(
            () => http.GetFromJsonAsync("/api/coins/history", IngestApiJsonContext.Default.CoinHistory),
            h => h?.Series.Count >= 10 && h.Series.Any(s => s is { Symbol: "BTC", Source: "replay" } && s.Closes.Any(c => c is not null)),
            s_timeout, "the history of ten series, replayed BTC's with a close");

        Assert.Equal(15, history.StepMinutes);
        Assert.All(history.Series, s => Assert.Equal(history.Series[0].Closes.Count, s.Closes.Count));
    }

    [Fact]
    public async Task Stream_says_which_broker_the_AppHost_started()
    {
        using var http = fixture.CreateHttpClient("stream");

        using var stats = JsonDocument.Parse(await http.GetStringAsync("/stats", TestContext.Current.CancellationToken));

        // The fixture asks for the embedded broker; V2's backend still says redpanda.
        Assert.Equal("embedded", stats.RootElement.GetProperty("broker").GetString());
        Assert.Equal("redpanda", stats.RootElement.GetProperty("backend").GetString());
    }

    [Fact]
    public async Task One_tick_is_one_trace_across_scraper_ingest_and_stream()
    {
        // Spans reach the receiver in export batches: wait for a trace whose spans have all arrived, i.e. one
        // scraper root and every other span parented (not linked) on a span of the same trace.
        var trace = await Eventually.GetAsync(
            () => Task.FromResult(fixture.Telemetry.TracesAcross("scraper", "ingest", "stream")
                .Select(id => fixture.Telemetry.Spans.Where(s => s.TraceId == id).ToList())
                .FirstOrDefault(IsOneConnectedTrace)),
            t => t is not null, s_timeout, "a trace with spans from scraper, ingest and stream joined parent to child");

        var root = Assert.Single(trace, s => s.ParentSpanId == "");
        Assert.Equal("scraper", root.ServiceName);
        Assert.Contains(trace, s => s.ServiceName == "ingest" && s.Name == "crypto-raw-data process");
        Assert.Contains(trace, s => s.ServiceName == "stream" && s.Name == "crypto-streaming process");
    }

    private static bool IsOneConnectedTrace(IReadOnlyList<ReceivedSpan> spans) =>
        spans.Count(s => s.ParentSpanId == "") == 1
        && spans.Where(s => s.ParentSpanId != "").All(s => spans.Any(p => p.SpanId == s.ParentSpanId));
}
