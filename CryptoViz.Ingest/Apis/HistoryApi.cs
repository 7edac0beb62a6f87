using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CryptoViz.Ingest.Apis;

/// <summary>What history the store holds, for the Scraper's backfill.</summary>
public static class HistoryApi
{
    /// <summary>Backfills reach this far back at most; candles are kept a year by default.</summary>
    public static readonly TimeSpan MaxDepth = TimeSpan.FromDays(366);

    private static readonly TimeSpan DefaultDepth = TimeSpan.FromDays(7);
    private const int DefaultGapMinutes = 5;
    private const int MaxGapMinutes = 24 * 60;

    public static RouteGroupBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/history").WithTags("History");
        api.MapGet("/coverage", GetCoverageAsync)
            .WithName("GetHistoryCoverage")
            .WithSummary("The stretches of every series the store holds since a time")
            .WithDescription("For each (symbol, source), the ranges [from, to) since `from` (default 7 days ago, at most 366) that have stored or " +
                "pending 1-minute candles, raw ticks, or were covered by a history page, holes of up to `gapMinutes` (default 5) included. " +
                "The Scraper's backfill asks providers for the rest.");
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<CoveredRange>>, ValidationProblem>> GetCoverageAsync(
        string? from, int? gapMinutes, SeriesQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new QueryValidation();
        var now = time.GetUtcNow().UtcDateTime;
        var since = from is null ? now - DefaultDepth : check.Range(from, null, now, MaxDepth).From;
        if (gapMinutes is < 0 or > MaxGapMinutes) check.Invalid("gapMinutes", $"The gap is 0 to {MaxGapMinutes} minutes.");
        if (!check.IsValid) return check.Problem();
        return TypedResults.Ok(await queries.GetCoverageAsync(since, TimeSpan.FromMinutes(gapMinutes ?? DefaultGapMinutes), cancellationToken));
    }
}
