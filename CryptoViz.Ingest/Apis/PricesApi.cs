using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CryptoViz.Ingest.Apis;

public static class PricesApi
{
    public static RouteGroupBuilder MapPricesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/prices").WithTags("Prices");
        api.MapGet("/latest", GetLatestAsync)
            .WithName("GetLatestPrices")
            .WithSummary("Latest stored record per coin and source")
            .WithDescription("One V2 record per (symbol, source), the newest by quote time, largest market cap first.");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<CryptoPrice>>> GetLatestAsync(PriceQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.GetLatestAsync(cancellationToken));
}
