using CryptoViz.Ingest.Forecasting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Apis;

/// <summary>Ingest's operator commands (the AppHost's <c>evaluate-models</c>), behind the command key.</summary>
public static class CommandsApi
{
    public static RouteGroupBuilder MapCommandsApi(this IEndpointRouteBuilder app)
    {
        var commands = app.MapOperatorCommands();
        commands.MapPost("/evaluate-models", EvaluateModelsAsync).WithName("EvaluateModels");
        return commands;
    }

    /// <summary>Evaluates every series afresh (walk-forward backtest, selection, fits) and publishes the served forecasts now.</summary>
    public static async Task<Results<Ok<ForecastRunSummary>, ProblemHttpResult>> EvaluateModelsAsync(
        ForecastRunner runner, IOptions<ForecastingOptions> options, CancellationToken cancellationToken) =>
        options.Value.Enabled
            ? TypedResults.Ok(await runner.EvaluateAllAsync(cancellationToken))
            : TypedResults.Problem("Forecasting is off (Ingest:Forecasting:Enabled = false).", statusCode: StatusCodes.Status409Conflict);
}
