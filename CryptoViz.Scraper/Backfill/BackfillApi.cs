using CryptoViz.Contracts.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CryptoViz.Scraper.Backfill;

/// <summary>The backfill's status (read-only, public like the rest of the market data) and its operator command.</summary>
public static class BackfillApi
{
    public static IEndpointRouteBuilder MapBackfillApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/backfill", (BackfillProgress progress) => TypedResults.Ok(progress.Snapshot()))
            .WithName("GetBackfillStatus");
        app.MapOperatorCommands().MapPost("/backfill", RequestBackfill).WithName("Backfill");
        return app;
    }

    /// <summary>Starts a run at once (or right after the current one); the answer is the status as the request found it.</summary>
    public static Results<Accepted<BackfillStatus>, ProblemHttpResult> RequestBackfill(
        BackfillService backfill, BackfillProgress progress)
    {
        var status = progress.Snapshot();
        if (status.State == BackfillStatus.Off)
            return TypedResults.Problem("The backfill is off (Scraper:Backfill:Enabled = false).", statusCode: StatusCodes.Status409Conflict);
        backfill.RequestRun();
        return TypedResults.Accepted("/api/backfill", status);
    }
}
