using System.Globalization;
using CryptoViz.Scraper.Backfill;
using CryptoViz.Scraper.Sources.Binance;

namespace CryptoViz.Tests.Scraper;

/// <summary>Binance's klines history against a local server that serves a recorded day of klines as Binance's REST API does.</summary>
public sealed class BinanceHistorySourceTests : IAsyncLifetime
{
    private static readonly DateTime s_day = new(2024, 12, 30, 0, 0, 0, DateTimeKind.Utc);
    private static readonly HistorySeries s_btc = new("BTC", "Bitcoin");
    private static readonly IReadOnlyList<string[]> s_rows = FakeBinanceKlines.Rows(ScraperFixtures.Read(ScraperFixtures.BinanceSpotDay));

    private FakeProviderServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeProviderServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_day_comes_in_pages_of_a_thousand_that_tile_it_with_the_recorded_prices_and_volumes()
    {
        // Arrange
        using var host = Host(new DateTimeOffset(2024, 12, 31, 0, 0, 30, TimeSpan.Zero));
        var klines = Serve(s_rows, host);

        // Act: the clock stands still, so the fetch may not wait (2 and 4 of the 3,000 budget are used).
        var pages = await host.CollectAsync(host.Binance.FetchAsync(s_btc, s_day, s_day.AddDays(1), TestContext.Current.CancellationToken));

        // Assert: a full page stops after its last kline (16:39), the next one runs to the end.
        HistoryAssert.Tiles(pages, s_day, s_day.AddDays(1));
        Assert.Equal([(s_day, s_day.AddMinutes(1000), 1000), (s_day.AddMinutes(1000), s_day.AddDays(1), 440)],
            pages.Select(p => (p.From, p.To, p.Candles.Count)));
        Assert.Equal([Ms(s_day), Ms(s_day.AddMinutes(1000))], klines.Calls.Select(c => c.Query["startTime"]));
        Assert.All(klines.Calls, c =>
        {
            Assert.Equal("/api/v3/klines", c.Path);
            Assert.Equal(("BTCUSDT", "1m", "1000"), (c.Query["symbol"], c.Query["interval"], c.Query["limit"]));
            Assert.Equal(Ms(s_day.AddDays(1).AddMilliseconds(-1)), c.Query["endTime"]);
        });

        // The file's first and 1,001st rows: open time, open, high, low, close, volume (col 5), quote volume (col 7).
        var first = pages[0].Candles[0];
        Assert.Equal((s_day, 93738.19, 93744.00, 93676.99, 93686.38, 10.6059, 993832.2163796),
            (first.Time, first.Open, first.High, first.Low, first.Close, first.Volume, first.QuoteVolume));
        var second = pages[1].Candles[0];
        Assert.Equal((s_day.AddMinutes(1000), 91986.47, 92036.00, 91960.73, 92035.99, 22.77415, 2095196.8500487),
            (second.Time, second.Open, second.High, second.Low, second.Close, second.Volume, second.QuoteVolume));
        Assert.Equal(DateTimeKind.Utc, first.Time.Kind);
    }

    [Fact]
    public async Task The_recorded_REST_response_maps_column_by_column()
    {
        // Arrange: Binance's own answer to a klines call, served as recorded (10 klines, 23:03-23:12).
        using var host = Host(new DateTimeOffset(2021, 10, 23, 0, 0, 0, TimeSpan.Zero));
        _server.RespondJson(ScraperFixtures.Read(ScraperFixtures.BinanceRestKlines));
        var from = new DateTime(2021, 10, 22, 23, 3, 0, DateTimeKind.Utc);

        // Act
        var pages = await host.CollectAsync(host.Binance.FetchAsync(s_btc, from, from.AddMinutes(10), TestContext.Current.CancellationToken));

        // Assert: fewer than a full page, so the one page is the whole request.
        var page = Assert.Single(pages);
        Assert.Equal((from, from.AddMinutes(10), 10), (page.From, page.To, page.Candles.Count));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => from.AddMinutes(i)), page.Candles.Select(c => c.Time));
        var last = page.Candles[^1];
        Assert.Equal((60739.85, 60739.85, 60739.85, 60739.85, 0.04734, 2875.424499),
            (last.Open, last.High, last.Low, last.Close, last.Volume, last.QuoteVolume));
        Assert.Equal((60685.22, 60729.84, 60670.90, 60719.27, 21.63272, 1313200.0134041),
            (page.Candles[0].Open, page.Candles[0].High, page.Candles[0].Low, page.Candles[0].Close, page.Candles[0].Volume, page.Candles[0].QuoteVolume));
    }

    [Fact]
    public async Task A_pair_listed_later_and_an_outage_leave_stretches_without_candles_inside_pages_that_still_tile()
    {
        // Arrange: derived in code from the recorded day: the pair trades from 02:00 on, and 12:00-14:29 is an outage.
        var listed = s_day.AddHours(2);
        var outage = (From: s_day.AddHours(12), To: s_day.AddHours(14.5));
        var rows = s_rows.Where(r => Time(r) >= listed && (Time(r) < outage.From || Time(r) >= outage.To)).ToList();
        using var host = Host(new DateTimeOffset(2024, 12, 31, 0, 0, 30, TimeSpan.Zero));
        var klines = Serve(rows, host);

        // Act
        var pages = await host.CollectAsync(host.Binance.FetchAsync(s_btc, s_day, s_day.AddDays(1), TestContext.Current.CancellationToken));

        // Assert: the first call skips the two hours before listing by itself; its full page ends after its 1,000th kline.
        HistoryAssert.Tiles(pages, s_day, s_day.AddDays(1));
        var candles = pages.SelectMany(p => p.Candles).ToList();
        Assert.Equal(rows.Select(Time), candles.Select(c => c.Time));
        Assert.Equal(1440 - 120 - 150, candles.Count);
        Assert.Equal([1000, 170], pages.Select(p => p.Candles.Count));
        Assert.Equal(Time(rows[999]).AddMinutes(1), pages[0].To);
        Assert.DoesNotContain(candles, c => c.Time < listed || (c.Time >= outage.From && c.Time < outage.To));
        Assert.Equal(2, klines.Calls.Count);
    }

    [Fact]
    public async Task A_429_is_waited_out_for_its_Retry_After_and_the_fetch_goes_on()
    {
        // Arrange
        using var host = Host(new DateTimeOffset(2024, 12, 31, 0, 0, 30, TimeSpan.Zero));
        var klines = Serve(s_rows, host);
        klines.Refusals.Enqueue((429, 7));

        // Act
        var pages = await host.CollectAsync(
            host.Binance.FetchAsync(s_btc, s_day, s_day.AddDays(1), TestContext.Current.CancellationToken), step: TimeSpan.FromSeconds(1));

        // Assert: the refused call is made again, no sooner than asked, and the day comes whole.
        HistoryAssert.Tiles(pages, s_day, s_day.AddDays(1));
        Assert.Equal(1440, pages.Sum(p => p.Candles.Count));
        var calls = klines.Calls.ToList();
        Assert.Equal(3, calls.Count);
        Assert.Equal(calls[0].Query, calls[1].Query);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(7), $"asked again after {calls[1].At - calls[0].At}");
        Assert.Contains(host.Logs.Entries, e => e.EventId.Name == "HistoryRateLimited" && e.Text.Contains("00:00:07", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_429_in_a_row_ends_the_fetch_with_its_Retry_After()
    {
        using var host = Host(new DateTimeOffset(2024, 12, 31, 0, 0, 30, TimeSpan.Zero));
        var klines = Serve(s_rows, host);
        klines.Refusals.Enqueue((429, 7));
        klines.Refusals.Enqueue((429, 9));

        var error = await Assert.ThrowsAsync<HistoryUnavailableException>(() => host.CollectAsync(
            host.Binance.FetchAsync(s_btc, s_day, s_day.AddDays(1), TestContext.Current.CancellationToken), step: TimeSpan.FromSeconds(1)));

        Assert.Equal(TimeSpan.FromSeconds(9), error.RetryAfter);
        Assert.Contains("HTTP 429", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, klines.Calls.Count);
    }

    [Fact]
    public async Task A_418_ban_stops_the_fetch_at_once_with_the_ban_s_Retry_After()
    {
        // Arrange: a ban after the first page.
        using var host = Host(new DateTimeOffset(2024, 12, 31, 0, 0, 30, TimeSpan.Zero));
        var klines = Serve(s_rows, host);
        var pages = new List<HistoryPage>();

        // Act
        var error = await Assert.ThrowsAsync<HistoryUnavailableException>(async () =>
        {
            await foreach (var page in host.Binance.FetchAsync(s_btc, s_day, s_day.AddDays(1), TestContext.Current.CancellationToken))
            {
                pages.Add(page);
                klines.Refusals.Enqueue((418, 120));
            }
        });

        // Assert: neither the source nor the client's resilience handler asks again.
        Assert.Equal(TimeSpan.FromMinutes(2), error.RetryAfter);
        Assert.Contains("HTTP 418", error.Message, StringComparison.Ordinal);
        Assert.Equal((s_day, s_day.AddMinutes(1000)), (Assert.Single(pages).From, pages[0].To));
        Assert.Equal(2, klines.Calls.Count);
    }

    [Fact]
    public async Task A_minute_near_the_weight_budget_defers_the_next_call_to_the_next_minute()
    {
        // Arrange: a budget of 10; Binance reports 9 used after the first call, so a second (2 more) would go over.
        var start = new DateTimeOffset(2024, 12, 31, 0, 0, 30, TimeSpan.Zero);
        using var host = Host(start, new() { ["Scraper:Binance:RestWeightBudget"] = "10" });
        var klines = Serve(s_rows, host);
        klines.UsedWeight = n => n == 1 ? 9 : 2;

        // Act
        var pages = await host.CollectAsync(
            host.Binance.FetchAsync(s_btc, s_day, s_day.AddDays(1), TestContext.Current.CancellationToken), step: TimeSpan.FromSeconds(1));

        // Assert: the second call waits for the next minute, when Binance starts counting again.
        HistoryAssert.Tiles(pages, s_day, s_day.AddDays(1));
        var calls = klines.Calls.ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(start, calls[0].At);
        Assert.True(calls[1].At >= start.AddSeconds(30), $"second call at {calls[1].At:O}");
        Assert.Contains(host.Logs.Entries, e => e.EventId.Name == "HistoryPaced" && e.Text.Contains("binance", StringComparison.Ordinal));
    }

    [Fact]
    public void Series_are_the_followed_pairs_while_the_stream_delivers_and_none_once_it_is_overdue()
    {
        using var host = Host(new DateTimeOffset(2024, 12, 31, 0, 0, 30, TimeSpan.Zero));
        var source = host.Binance;

        // Before the stream's first valid quote: nothing to continue.
        Assert.Equal("binance", source.Name);
        Assert.Empty(source.Series);

        // Delivering: the configured base assets, upper-cased and named as the live records name them.
        host.Delivered("binance");
        Assert.Equal([new HistorySeries("BTC", "Bitcoin"), new HistorySeries("ETH", "Ethereum")], source.Series);

        // Silent past its 1 s interval and the 10 s FallbackAfter: not live any more.
        host.Time.Advance(TimeSpan.FromSeconds(11));
        Assert.Empty(source.Series);
    }

    [Fact]
    public void Series_are_empty_while_Binance_is_disabled()
    {
        using var host = Host(new DateTimeOffset(2024, 12, 31, 0, 0, 30, TimeSpan.Zero), new() { ["Scraper:Binance:Enabled"] = "false" });

        Assert.Empty(host.Binance.Series);
    }

    [Fact]
    public async Task A_range_off_the_minute_is_refused_before_any_call()
    {
        using var host = Host(new DateTimeOffset(2024, 12, 31, 0, 0, 30, TimeSpan.Zero));
        var klines = Serve(s_rows, host);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            host.CollectAsync(host.Binance.FetchAsync(s_btc, s_day.AddSeconds(30), s_day.AddDays(1), TestContext.Current.CancellationToken)));

        Assert.Empty(klines.Calls);
    }

    private HistoryHost Host(DateTimeOffset now, Dictionary<string, string?>? settings = null) => new(_server.BaseUrl, now, settings);

    private FakeBinanceKlines Serve(IReadOnlyList<string[]> rows, HistoryHost host)
    {
        var klines = new FakeBinanceKlines(rows, host.Time);
        _server.Respond(klines.ServeAsync);
        return klines;
    }

    private static DateTime Time(string[] row) => DateTime.UnixEpoch.AddMilliseconds(FakeBinanceKlines.OpenTime(row));

    private static string Ms(DateTime time) => ((time - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture);
}
