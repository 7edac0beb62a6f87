using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CryptoViz.Tests.Scraper;

/// <summary>
/// Binance's <c>GET /api/v3/klines</c> for <see cref="FakeProviderServer"/>, over recorded kline rows (a daily dump's 12
/// columns are the API's own): the rows whose open time lies in [startTime, endTime], oldest first, at most <c>limit</c>
/// of them (500 unless asked, 1,000 at most), each written as the API writes it (times and the trade count as numbers,
/// prices and volumes as the recorded decimal strings). Every answer carries <c>X-MBX-USED-WEIGHT-1M</c>. Refusals a
/// test queues answer the next calls before any klines.
/// </summary>
internal sealed class FakeBinanceKlines(IReadOnlyList<string[]> rows, TimeProvider time)
{
    public ConcurrentQueue<ServedCall> Calls { get; } = new();

    /// <summary>The used weight reported on the n-th call (from 1): by default 2 a call, as if nothing else used the IP.</summary>
    public Func<int, int> UsedWeight { get; set; } = n => 2 * n;

    /// <summary>Status and Retry-After (seconds) of the next answers, e.g. (429, 7) or (418, 120).</summary>
    public ConcurrentQueue<(int Status, int RetryAfterSeconds)> Refusals { get; } = new();

    /// <summary>The rows of a daily dump (no header, epoch milliseconds).</summary>
    public static IReadOnlyList<string[]> Rows(string csv) =>
        [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => line.Split(','))];

    public static long OpenTime(string[] row) => long.Parse(row[0], CultureInfo.InvariantCulture);

    public Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        Calls.Enqueue(new ServedCall(
            request.Path,
            request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            time.GetUtcNow()));
        context.Response.Headers["X-MBX-USED-WEIGHT-1M"] = UsedWeight(Calls.Count).ToString(CultureInfo.InvariantCulture);

        if (Refusals.TryDequeue(out var refusal))
        {
            // Binance's error shape ({"code", "msg"}); the message is written here, not recorded.
            context.Response.Headers.RetryAfter = refusal.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Error(context, refusal.Status, -1003, "Too much request weight used; please use the websocket for live updates.");
        }

        if (request.Path != "/api/v3/klines") return Error(context, 404, -1000, "no such endpoint");
        if (request.Query["symbol"] != "BTCUSDT") return Error(context, 400, -1121, "Invalid symbol.");
        if (request.Query["interval"] != "1m") return Error(context, 400, -1120, "Invalid interval.");
        // Without startTime Binance answers with the latest klines, which no recording can play.
        if (!long.TryParse(request.Query["startTime"], CultureInfo.InvariantCulture, out var start)) return Error(context, 400, -1102, "this fake needs startTime");
        var end = long.TryParse(request.Query["endTime"], CultureInfo.InvariantCulture, out var e) ? e : long.MaxValue;
        var limit = int.TryParse(request.Query["limit"], CultureInfo.InvariantCulture, out var l) ? l : 500;
        if (limit is < 1 or > 1000) return Error(context, 400, -1130, "Invalid data sent for a parameter.");

        var page = rows.Where(r => OpenTime(r) >= start && OpenTime(r) <= end).Take(limit);
        var body = "[" + string.Join(",", page.Select(r =>
            $"[{r[0]},\"{r[1]}\",\"{r[2]}\",\"{r[3]}\",\"{r[4]}\",\"{r[5]}\",{r[6]},\"{r[7]}\",{r[8]},\"{r[9]}\",\"{r[10]}\",\"{r[11]}\"]")) + "]";
        return FakeProviderServer.WriteAsync(context, 200, "application/json;charset=UTF-8", body);
    }

    private static Task Error(HttpContext context, int status, int code, string message) =>
        FakeProviderServer.WriteAsync(context, status, "application/json;charset=UTF-8", $$"""{"code":{{code}},"msg":"{{message}}"}""");
}
