using System.Net;
using System.Net.Http.Json;
using CryptoViz.Ingest.Model;
using Microsoft.AspNetCore.Mvc;
using static CryptoViz.Tests.Ingest.CoinHistoryFixture;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Tests.Ingest;

/// <summary>Ingest's <c>GET /api/coins/history</c> over stored candles and raw ticks (see <see cref="CoinHistoryFixture"/>).</summary>
public sealed class CoinHistoryApiTests(CoinHistoryFixture fixture) : IClassFixture<CoinHistoryFixture>
{
    private readonly HttpClient _http = fixture.Factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_day_of_15_minute_closes_per_series_from_candles_then_raw_ticks_with_the_closes_1h_and_24h_ago()
    {
        var history = await GetAsync("/api/coins/history");

        // 24 h back from 12:07:30 is 12:07:30 yesterday, in the bucket from 12:00; today's 12:00 bucket is the 97th, still open.
        Assert.Equal((new DateTime(2025, 9, 9, 12, 0, 0, DateTimeKind.Utc), Now, 15), (history.From, history.To, history.StepMinutes));
        Assert.Equal(["BTC/alpha", "BTC/beta", "ETH/alpha"], history.Series.Select(s => $"{s.Symbol}/{s.Source}"));
        Assert.All(history.Series, s => Assert.Equal(97, s.Closes.Count));

        // BTC/alpha: the last stored minute of each bucket (xx:14, xx:29, ...), then the last raw tick; its closes at
        // the minutes starting at 11:07 today and 12:07 yesterday; the 24 h volume one of its ticks reported.
        var alpha = history.Series[0];
        double?[] candles = [.. Enumerable.Range(0, 96).Select(i => (double?)CandleClose(history.From.AddMinutes(15 * i + 14)))];
        Assert.Equal<double?>([.. candles, 520], alpha.Closes);
        Assert.Equal(CandleClose(Today(11, 7)), alpha.Close1hAgo);
        Assert.Equal(CandleClose(new DateTime(2025, 9, 9, 12, 7, 0, DateTimeKind.Utc)), alpha.Close24hAgo);
        Assert.Equal(5e9, alpha.Volume24h);

        // BTC/beta: 10:40 (in bucket 90) is more than 15 min before 11:07:30, so it is no close "1 h ago".
        var beta = history.Series[1];
        Assert.Equal(7, beta.Closes[90]);
        Assert.Equal(9, beta.Closes[96]);
        Assert.Equal(2, beta.Closes.Count(c => c is not null));
        Assert.Equal(((double?)null, (double?)null, (double?)null), (beta.Close1hAgo, beta.Close24hAgo, beta.Volume24h));

        // ETH/alpha: half an hour of history, in the 11:30 and 12:00 buckets.
        var eth = history.Series[2];
        Assert.Equal<double?>([.. Enumerable.Repeat<double?>(null, 94), 3000, null, 3100], eth.Closes);
        Assert.Equal(((double?)null, (double?)null), (eth.Close1hAgo, eth.Close24hAgo));
    }

    [Fact]
    public async Task A_shorter_window_with_a_wider_step_still_gives_the_close_24h_ago()
    {
        var history = await GetAsync("/api/coins/history?hours=2&step=1h");

        Assert.Equal((Today(10, 0), 60), (history.From, history.StepMinutes));
        var alpha = history.Series.Single(s => s is { Symbol: "BTC", Source: "alpha" });
        Assert.Equal<double?>([CandleClose(Today(10, 59)), CandleClose(Today(11, 59)), 520], alpha.Closes);
        Assert.Equal(CandleClose(new DateTime(2025, 9, 9, 12, 7, 0, DateTimeKind.Utc)), alpha.Close24hAgo);
        Assert.Equal<double?>([null, 3000, 3100], history.Series.Single(s => s.Symbol == "ETH").Closes);
    }

    [Theory]
    [InlineData("hours=0", "hours")]
    [InlineData("hours=169", "hours")]
    [InlineData("step=1m", "step")]
    [InlineData("step=15M", "step")]
    [InlineData("hours=48&step=5m", "step")]
    public async Task Bad_input_is_answered_400_with_validation_problem_details(string query, string field)
    {
        var response = await _http.GetAsync($"/api/coins/history?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct);
        Assert.Contains(field, problem!.Errors.Keys);
    }

    [Fact]
    public async Task Hours_that_are_no_number_are_answered_400_with_problem_details()
    {
        // Refused by minimal APIs' binding (as `limit` is), before the handler's validation.
        var response = await _http.GetAsync("/api/coins/history?hours=abc", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<CoinHistory> GetAsync(string url)
    {
        var response = await _http.GetAsync(url, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync(IngestApiJsonContext.Default.CoinHistory, Ct))!;
    }
}
