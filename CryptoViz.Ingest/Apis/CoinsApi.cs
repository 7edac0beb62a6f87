using System.ComponentModel;
using CryptoViz.Ingest.Model;
using CryptoViz.Ingest.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Ingest.Apis;

/// <summary>Per-coin analytics over the stored history. Times are ISO-8601 UTC in and out.</summary>
public static class CoinsApi
{
    public const int DefaultTickLimit = 1_000;
    public const int MaxTickLimit = 10_000;
    public const int DefaultHistoryHours = 24;

    /// <summary>A week: what the stored 1-minute candles hold.</summary>
    public const int MaxHistoryHours = 168;

    /// <summary>Buckets per series: a week of 30-minute closes, a day of 5-minute ones.</summary>
    public const int MaxHistoryBuckets = 336;

    public static RouteGroupBuilder MapCoinsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/coins").WithTags("Coins");
        api.MapGet("", GetCoinsAsync)
            .WithName("GetCoins")
            .WithSummary("Latest price per coin and source, with 1 h and 24 h change and 24 h volume")
            .WithDescription("One entry per (symbol, source): the newest stored price, and its change in % against the last price stored " +
                "at or before 1 h and 24 h earlier than that price's own timestamp. A change is null when the stored history is shorter. " +
                "`volume24h` is the rolling 24 h volume in USD the source last reported for the coin (CoinGecko, CoinMarketCap, " +
                "Binance's tickers), null when it never did. Largest market cap first.");
        api.MapGet("/history", GetHistoryAsync)
            .WithName("GetCoinHistory")
            .WithSummary("Recent closes of every coin and source, and their closes 1 h and 24 h ago, in one answer")
            .WithDescription("For every (symbol, source) with a stored price in the window: `closes`, the last close of each `step` bucket " +
                "from `from` (the bucket holding now − `hours`) to `to` (now; its bucket is still open), oldest first, null for a bucket " +
                "without a price; `close1hAgo` and `close24hAgo`, the close of the last stored minute that starts at or before 1 h and " +
                "24 h before `to` and at most 15 min before that, null when the stored history does not reach back that far; and " +
                "`volume24h`, the newest rolling 24 h volume in USD the source reported in the window. Read from the stored 1-minute " +
                "candles and the raw ticks after them, so it reaches back as far as the candles do. For sparklines and 1 h / 24 h " +
                "changes of a whole markets table with one request.");
        api.MapGet("/{symbol}/candles", GetCandlesAsync)
            .WithName("GetCandles")
            .WithSummary("OHLCV candles of one coin from one source")
            .WithDescription("Candles over [from, to), aligned to UTC bucket boundaries (DuckDB time_bucket): open is the first price in the bucket, " +
                "close the last, high and low the extremes. `volume` (base-asset units) and `quoteVolume` (USD/USDT) are the sums of the " +
                "stored prices' own volumes in the bucket, a price without one counting 0: both are 0 for a source that sends no volume " +
                "(CoinGecko, CoinMarketCap). `ticks` is the number of stored prices in the bucket. One series never mixes sources: without `source`, the alphabetically first " +
                "source with data in the range is used and echoed in the response (`source` is null when nothing was stored in the range). " +
                "The range defaults to the last 24 h and spans at most 31 days for intervals below 1h, 366 days otherwise.");
        api.MapGet("/{symbol}/ticks", GetTicksAsync)
            .WithName("GetTicks")
            .WithSummary("Stored prices of one coin, newest first")
            .WithDescription("Raw rows of crypto_prices in [from, to), newest first, at most `limit` (default 1000, at most 10000). " +
                "The range defaults to the last 24 h and spans at most 31 days.");
        api.MapGet("/{symbol}/sources", GetSourcesAsync)
            .WithName("GetSources")
            .WithSummary("Latest price of one coin per source, and the spread")
            .WithDescription("The newest stored price from every source of the coin, the spread between the highest and the lowest of them, " +
                "and that spread in % of their mean. 404 when the coin has no stored price.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<CoinSummary>>> GetCoinsAsync(PriceQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.GetCoinsAsync(cancellationToken));

    public static async Task<Results<Ok<CoinHistory>, ValidationProblem>> GetHistoryAsync(
        [AsParameters] HistoryRequest request, SeriesQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new QueryValidation();
        var hours = check.Count(request.Hours, "hours", DefaultHistoryHours, MaxHistoryHours);
        var stepName = request.Step ?? "15m";
        var step = check.HistoryStep(stepName);
        if (check.IsValid && TimeSpan.FromHours(hours) / step > MaxHistoryBuckets)
        {
            check.Invalid("step", $"{hours} h of {stepName} buckets are more than {MaxHistoryBuckets}: choose a wider step or fewer hours.");
        }

        if (!check.IsValid) return check.Problem();

        var to = time.GetUtcNow().UtcDateTime;
        var window = to - TimeSpan.FromHours(hours);
        var from = new DateTime(window.Ticks - window.Ticks % step.Ticks, DateTimeKind.Utc);
        var series = await queries.GetHistoryAsync(from, to, step, cancellationToken);
        return TypedResults.Ok(new CoinHistory(from, to, (int)step.TotalMinutes, series));
    }

    public static async Task<Results<Ok<CandleSeries>, ValidationProblem>> GetCandlesAsync(
        [AsParameters] CandlesRequest request, PriceQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new QueryValidation();
        var symbol = check.Symbol(request.Symbol);
        var interval = check.Interval(request.Interval ?? "1m");
        var source = check.OptionalSource(request.Source);
        var maxRange = interval < TimeSpan.FromHours(1) ? QueryValidation.MaxFineRange : QueryValidation.MaxCoarseRange;
        var (from, to) = check.Range(request.From, request.To, time.GetUtcNow().UtcDateTime, maxRange);
        if (!check.IsValid) return check.Problem();

        source ??= await queries.FindFirstSourceAsync(symbol!, from, to, cancellationToken);
        var candles = source is null ? [] : await queries.GetCandlesAsync(symbol!, source, interval, from, to, cancellationToken);
        return TypedResults.Ok(new CandleSeries(symbol!, source, request.Interval ?? "1m", from, to, candles));
    }

    public static async Task<Results<Ok<IReadOnlyList<Tick>>, ValidationProblem>> GetTicksAsync(
        [AsParameters] TicksRequest request, PriceQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new QueryValidation();
        var symbol = check.Symbol(request.Symbol);
        var source = check.OptionalSource(request.Source);
        var limit = check.Count(request.Limit, "limit", DefaultTickLimit, MaxTickLimit);
        var (from, to) = check.Range(request.From, request.To, time.GetUtcNow().UtcDateTime, QueryValidation.MaxFineRange);
        if (!check.IsValid) return check.Problem();

        return TypedResults.Ok(await queries.GetTicksAsync(symbol!, source, from, to, limit, cancellationToken));
    }

    public static async Task<Results<Ok<SourceSpread>, ValidationProblem, ProblemHttpResult>> GetSourcesAsync(
        [Description("Ticker, e.g. BTC; lower case is accepted. 1-20 letters or digits.")] string symbol,
        PriceQueries queries, CancellationToken cancellationToken)
    {
        var check = new QueryValidation();
        var valid = check.Symbol(symbol);
        if (!check.IsValid) return check.Problem();

        var quotes = await queries.GetSourceQuotesAsync(valid!, cancellationToken);
        if (quotes.Count == 0)
        {
            return TypedResults.Problem($"No price of {valid} is stored.", statusCode: StatusCodes.Status404NotFound, title: "Unknown coin");
        }

        var min = quotes.Min(q => q.Price);
        var max = quotes.Max(q => q.Price);
        var mean = quotes.Average(q => q.Price);
        return TypedResults.Ok(new SourceSpread(valid!, quotes, min, max, max - min, mean == 0 ? 0 : (max - min) / mean * 100));
    }
}
