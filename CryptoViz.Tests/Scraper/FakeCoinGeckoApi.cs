using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CryptoViz.Tests.Scraper;

/// <summary>
/// CoinGecko for <see cref="FakeProviderServer"/>: <c>/api/v3/coins/markets</c> answers with the first <c>per_page</c>
/// coins of a recorded listing, and <c>/api/v3/coins/bitcoin/market_chart/range</c> with the points of a recorded chart
/// whose time lies in [from, to] (Unix seconds), as CoinGecko cuts a range. The recording's spacing (about hourly) stands
/// for whatever spacing CoinGecko would pick for the range. Refusals a test queues answer the next calls first.
/// </summary>
internal sealed class FakeCoinGeckoApi(string chartJson, string marketsJson, TimeProvider time)
{
    public ConcurrentQueue<ServedCall> Calls { get; } = new();

    /// <summary>Status, Retry-After (seconds) and body of the next answers.</summary>
    public ConcurrentQueue<(int Status, int RetryAfterSeconds, string Body)> Refusals { get; } = new();

    /// <summary>The chart calls only, in order.</summary>
    public IReadOnlyList<ServedCall> ChartCalls => [.. Calls.Where(c => c.Path.EndsWith("/market_chart/range", StringComparison.Ordinal))];

    public Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        Calls.Enqueue(new ServedCall(
            request.Path,
            request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            time.GetUtcNow()));

        if (Refusals.TryDequeue(out var refusal))
        {
            context.Response.Headers.RetryAfter = refusal.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return FakeProviderServer.WriteAsync(context, refusal.Status, "application/json", refusal.Body);
        }

        if (request.Path == "/api/v3/coins/markets")
        {
            var perPage = int.Parse(request.Query["per_page"].ToString(), CultureInfo.InvariantCulture);
            var coins = JsonNode.Parse(marketsJson)!.AsArray().Take(perPage).Select(n => n?.DeepClone());
            return FakeProviderServer.WriteAsync(context, 200, "application/json", new JsonArray([.. coins]).ToJsonString());
        }

        if (request.Path != "/api/v3/coins/bitcoin/market_chart/range" || request.Query["vs_currency"] != "usd")
        {
            return FakeProviderServer.WriteAsync(context, 404, "application/json", """{"error":"coin not found"}""");
        }

        var from = long.Parse(request.Query["from"].ToString(), CultureInfo.InvariantCulture) * 1000;
        var to = long.Parse(request.Query["to"].ToString(), CultureInfo.InvariantCulture) * 1000;
        var chart = JsonNode.Parse(chartJson)!.AsObject();
        var range = new JsonObject();
        foreach (var (name, points) in chart)
        {
            range[name] = new JsonArray([.. points!.AsArray().Where(p => (double)p![0]! >= from && (double)p[0]! <= to).Select(p => p!.DeepClone())]);
        }

        return FakeProviderServer.WriteAsync(context, 200, "application/json; charset=utf-8", range.ToJsonString());
    }
}
