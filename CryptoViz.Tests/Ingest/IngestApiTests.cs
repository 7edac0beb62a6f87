using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CryptoViz.Ingest.Model;
using CryptoViz.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Tests.Ingest;

/// <summary>Ingest's query API over a known, hand-made history (see <see cref="IngestApiFixture.Seed"/>).</summary>
public sealed class IngestApiTests(IngestApiFixture fixture) : IClassFixture<IngestApiFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http = fixture.Factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Coins_lists_the_latest_price_per_coin_and_source_with_1h_and_24h_change()
    {
        var coins = await GetAsync("/api/coins", IngestApiJsonContext.Default.IReadOnlyListCoinSummary);

        Assert.Equal(["BTC/alpha", "BTC/beta", "ETH/alpha"], coins.Select(c => $"{c.Symbol}/{c.Source}"));
        var alpha = coins[0];
        Assert.Equal(110, alpha.Price);
        Assert.Equal(IngestApiFixture.At(5, 10, 0, 0), alpha.Timestamp);
        Assert.Equal(DateTimeKind.Utc, alpha.Timestamp.Kind);
        Assert.Equal((110 - 88) / 88.0 * 100, alpha.ChangePercent1h!.Value, 9);   // against 09:00, not 09:30
        Assert.Equal((110 - 100) / 100.0 * 100, alpha.ChangePercent24h!.Value, 9); // against 10:00:00 the day before
        // beta: the last price at or before 1 h back is the day before's 200; nothing is 24 h old.
        Assert.Equal((112 - 200) / 200.0 * 100, coins[1].ChangePercent1h!.Value, 9);
        Assert.Null(coins[1].ChangePercent24h);
        Assert.Null(coins[2].ChangePercent1h);
        // The newest 24 h volume each series reported, though its newest price brought none; ETH reported none.
        Assert.Equal([6e9, 7e9, null], coins.Select(c => c.Volume24h));
    }

    [Fact]
    public async Task Latest_prices_still_answer_with_the_volumes_stored()
    {
        var latest = await GetAsync("/api/prices/latest", CryptoViz.Contracts.Messaging.CryptoVizJsonContext.Default.IReadOnlyListCryptoPrice);

        var alpha = Assert.Single(latest, p => p is { Symbol: "BTC", Source: "alpha" });
        var beta = Assert.Single(latest, p => p is { Symbol: "BTC", Source: "beta" });
        Assert.Equal((0.5, 55d, (double?)null), (alpha.Volume, alpha.QuoteVolume, alpha.Volume24h));
        Assert.Equal(((double?)null, (double?)null, 7e9), (beta.Volume, beta.QuoteVolume, beta.Volume24h));
    }

    [Fact]
    public async Task Candles_of_one_minute_have_the_hand_computed_ohlc_and_never_mix_sources()
    {
        var series = await GetAsync("/api/coins/btc/candles?interval=1m&from=2025-09-04T10:00:00Z&to=2025-09-04T10:02:00Z",
            IngestApiJsonContext.Default.CandleSeries);

        Assert.Equal("BTC", series.Symbol);
        Assert.Equal("alpha", series.Source); // no source given: the alphabetically first with data, echoed
        Assert.Equal("1m", series.Interval);
        Assert.Equal(
            [
                new Candle(IngestApiFixture.At(4, 10, 0, 0), 100, 105, 95, 101, 4, 1.75, 180.25),
                new Candle(IngestApiFixture.At(4, 10, 1, 0), 102, 102, 99, 99, 2, 2.5, 253.5),
            ],
            series.Candles);

        var beta = await GetAsync("/api/coins/BTC/candles?interval=5m&from=2025-09-04T10:00:00Z&to=2025-09-04T10:05:00Z&source=beta",
            IngestApiJsonContext.Default.CandleSeries);
        Assert.Equal([new Candle(IngestApiFixture.At(4, 10, 0, 0), 200, 200, 200, 200, 1, 0, 0)], beta.Candles);
    }

    [Fact]
    public async Task Daily_candles_are_aligned_to_utc_midnight()
    {
        var series = await GetAsync("/api/coins/BTC/candles?interval=1d&from=2025-09-04T00:00:00Z&to=2025-09-06T00:00:00Z&source=alpha",
            IngestApiJsonContext.Default.CandleSeries);

        Assert.Equal(
            [
                new Candle(IngestApiFixture.At(4, 0, 0, 0), 100, 105, 95, 99, 6, 4.25, 433.75),
                new Candle(IngestApiFixture.At(5, 0, 0, 0), 88, 110, 88, 110, 3, 1.5, 143),
            ],
            series.Candles);
    }

    [Fact]
    public async Task Candles_of_a_range_without_data_are_empty_with_no_source()
    {
        var series = await GetAsync("/api/coins/BTC/candles?from=2025-08-01T00:00:00Z&to=2025-08-02T00:00:00Z",
            IngestApiJsonContext.Default.CandleSeries);

        Assert.Null(series.Source);
        Assert.Empty(series.Candles);
    }

    [Fact]
    public async Task Ticks_are_newest_first_filtered_and_limited()
    {
        var all = await GetAsync("/api/coins/BTC/ticks?from=2025-09-04T10:00:00Z&to=2025-09-04T10:02:00Z", IngestApiJsonContext.Default.IReadOnlyListTick);
        Assert.Equal([99, 102, 101, 95, 200, 105, 100], all.Select(t => t.Price));
        Assert.Equal(IngestApiFixture.At(4, 10, 1, 30), all[0].Timestamp);

        var limited = await GetAsync("/api/coins/BTC/ticks?from=2025-09-04T10:00:00Z&to=2025-09-04T10:02:00Z&limit=2", IngestApiJsonContext.Default.IReadOnlyListTick);
        Assert.Equal([99, 102], limited.Select(t => t.Price));

        var beta = await GetAsync("/api/coins/BTC/ticks?from=2025-09-04T10:00:00Z&to=2025-09-04T10:02:00Z&source=beta", IngestApiJsonContext.Default.IReadOnlyListTick);
        Assert.Equal([200], beta.Select(t => t.Price));
    }

    [Fact]
    public async Task Ticks_default_to_the_last_24_hours()
    {
        // The fixture's clock says 2025-09-05T10:30Z: the day before's rows fall out.
        var ticks = await GetAsync("/api/coins/BTC/ticks", IngestApiJsonContext.Default.IReadOnlyListTick);

        Assert.Equal([110, 112, 90, 88], ticks.Select(t => t.Price));
    }

    [Fact]
    public async Task Sources_gives_the_latest_price_per_source_and_the_spread()
    {
        var spread = await GetAsync("/api/coins/BTC/sources", IngestApiJsonContext.Default.SourceSpread);

        Assert.Equal([new SourceQuote("alpha", 110, IngestApiFixture.At(5, 10, 0, 0)), new SourceQuote("beta", 112, IngestApiFixture.At(5, 10, 0, 0))],
            spread.Sources);
        Assert.Equal(110, spread.Min);
        Assert.Equal(112, spread.Max);
        Assert.Equal(2, spread.Spread);
        Assert.Equal(2 / 111.0 * 100, spread.SpreadPercent, 9);

        var unknown = await _http.GetAsync("/api/coins/DOGE/sources", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Stats_count_the_store_and_report_the_consumer_lag()
    {
        var stats = await Eventually.GetAsync(() => _http.GetFromJsonAsync("/api/stats", IngestApiJsonContext.Default.StoreStats, Ct),
            s => s?.ConsumerLag is not null, s_timeout, "a consumer lag from librdkafka's statistics");

        Assert.Equal(IngestApiFixture.Seed.Count, stats.Rows);
        Assert.Equal(2, stats.Coins);
        Assert.Equal(2, stats.Sources);
        Assert.True(stats.DatabaseBytes > 0);
        Assert.Equal(IngestApiFixture.At(4, 10, 0, 0), stats.Oldest);
        Assert.Equal(IngestApiFixture.At(5, 10, 0, 0), stats.Newest);
        Assert.Equal(0, stats.ConsumerLag); // nothing was produced
    }

    [Fact]
    public async Task Export_as_csv_round_trips_the_rows_of_the_range()
    {
        var response = await _http.GetAsync("/api/export?symbol=BTC&from=2025-09-04T10:00:00Z&to=2025-09-04T10:02:00Z&format=csv", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(["name", "symbol", "price", "percent_change_24h", "market_cap", "source", "timestamp", "ingestion_timestamp", "producer_id", "schema_version",
            "event_time", "volume", "quote_volume", "volume_24h"], header);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        var expected = IngestApiFixture.Seed
            .Where(p => p.Symbol == "BTC" && p.Timestamp >= IngestApiFixture.At(4, 10, 0, 0) && p.Timestamp < IngestApiFixture.At(4, 10, 2, 0))
            .OrderBy(p => p.Timestamp).ThenBy(p => p.Source, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(p => (p.Symbol, p.Source, p.Price, p.Timestamp)),
            rows.Select(r => (r[1], r[5], double.Parse(r[2], CultureInfo.InvariantCulture),
                DateTime.SpecifyKind(DateTime.Parse(r[6], CultureInfo.InvariantCulture), DateTimeKind.Utc))));
        await NoExportFileIsLeftAsync();
    }

    [Fact]
    public async Task Export_as_parquet_is_a_parquet_file()
    {
        var response = await _http.GetAsync("/api/export?from=2025-09-04T00:00:00Z&to=2025-09-06T00:00:00Z&format=parquet", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal("PAR1", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("PAR1", Encoding.ASCII.GetString(bytes, bytes.Length - 4, 4));
        await NoExportFileIsLeftAsync();
    }

    [Theory]
    [InlineData("/api/coins/BTC-USD/candles", "symbol")]
    [InlineData("/api/coins/ABCDEFGHIJKLMNOPQRSTU/ticks", "symbol")]
    [InlineData("/api/coins/BTC%0A/sources", "symbol")]
    [InlineData("/api/coins/BTC/candles?interval=2m", "interval")]
    [InlineData("/api/coins/BTC/candles?interval=1M", "interval")]
    [InlineData("/api/coins/BTC/candles?from=2025-09-04T10:00:00Z&to=2025-09-04T09:00:00Z", "from")]
    [InlineData("/api/coins/BTC/candles?from=yesterday", "from")]
    [InlineData("/api/coins/BTC/candles?interval=15m&from=2025-08-01T00:00:00Z&to=2025-09-05T00:00:00Z", "to")]
    [InlineData("/api/coins/BTC/candles?interval=1d&from=2024-01-01T00:00:00Z&to=2025-09-05T00:00:00Z", "to")]
    [InlineData("/api/coins/BTC/ticks?limit=0", "limit")]
    [InlineData("/api/coins/BTC/ticks?limit=10001", "limit")]
    [InlineData("/api/coins/BTC/ticks?source=Alpha", "source")]
    [InlineData("/api/export?format=xlsx", "format")]
    [InlineData("/api/export?from=2025-07-01T00:00:00Z&to=2025-09-01T00:00:00Z", "to")]
    public async Task Bad_input_is_answered_400_with_validation_problem_details(string url, string field)
    {
        var problem = await GetValidationProblemAsync(url);

        Assert.Contains(field, problem.Errors.Keys);
    }

    [Fact]
    public async Task A_long_range_is_fine_for_hourly_candles()
    {
        var response = await _http.GetAsync("/api/coins/BTC/candles?interval=1h&from=2025-07-01T00:00:00Z&to=2025-09-06T00:00:00Z", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Sql_injection_attempts_are_rejected_and_the_table_stays()
    {
        var symbol = Uri.EscapeDataString("BTC' OR '1'='1");
        var source = Uri.EscapeDataString("x'; DROP TABLE crypto_prices; --");

        Assert.Contains("symbol", (await GetValidationProblemAsync($"/api/coins/{symbol}/ticks")).Errors.Keys);
        Assert.Contains("symbol", (await GetValidationProblemAsync($"/api/coins/{symbol}/sources")).Errors.Keys);
        Assert.Contains("symbol", (await GetValidationProblemAsync($"/api/export?symbol={symbol}")).Errors.Keys);
        Assert.Contains("source", (await GetValidationProblemAsync($"/api/coins/BTC/ticks?source={source}")).Errors.Keys);
        Assert.Contains("source", (await GetValidationProblemAsync($"/api/coins/BTC/candles?source={source}")).Errors.Keys);

        var stats = await GetAsync("/api/stats", IngestApiJsonContext.Default.StoreStats);
        Assert.Equal(IngestApiFixture.Seed.Count, stats.Rows);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_route_with_its_metadata()
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync("/openapi/v1.json", Ct));
        var paths = document.RootElement.GetProperty("paths");

        string[] routes = ["/api/prices/latest", "/api/coins", "/api/coins/history", "/api/coins/{symbol}/candles", "/api/coins/{symbol}/ticks",
            "/api/coins/{symbol}/sources", "/api/stats", "/api/export"];
        Assert.All(routes, route =>
        {
            Assert.True(paths.TryGetProperty(route, out var path), $"{route} is missing");
            var get = path.GetProperty("get");
            Assert.False(string.IsNullOrEmpty(get.GetProperty("operationId").GetString()));
            Assert.False(string.IsNullOrEmpty(get.GetProperty("summary").GetString()));
            Assert.False(string.IsNullOrEmpty(get.GetProperty("description").GetString()));
            Assert.NotEmpty(get.GetProperty("tags").EnumerateArray());
            if (get.TryGetProperty("parameters", out var parameters))
            {
                Assert.All(parameters.EnumerateArray(), p => Assert.False(string.IsNullOrEmpty(p.GetProperty("description").GetString()),
                    $"{route} {p.GetProperty("name")} has no description"));
            }
        });
        Assert.Contains("ticks", paths.GetProperty("/api/coins/{symbol}/candles").GetProperty("get").GetProperty("description").GetString());
        Assert.Contains("quoteVolume", paths.GetProperty("/api/coins/{symbol}/candles").GetProperty("get").GetProperty("description").GetString());
        Assert.Contains("volume24h", paths.GetProperty("/api/coins").GetProperty("get").GetProperty("description").GetString());

        var scalar = await _http.GetAsync("/scalar", Ct);
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
    }

    private async Task<T> GetAsync<T>(string url, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        var response = await _http.GetAsync(url, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync(type, Ct))!;
    }

    private async Task<ValidationProblemDetails> GetValidationProblemAsync(string url)
    {
        var response = await _http.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!;
    }

    private static async Task NoExportFileIsLeftAsync() =>
        await Eventually.GetAsync(() => Task.FromResult<string[]?>(Directory.GetFiles(Path.GetTempPath(), "cryptoviz-export-*")),
            files => files?.Length == 0, s_timeout, "the export's temp file to be deleted");
}
