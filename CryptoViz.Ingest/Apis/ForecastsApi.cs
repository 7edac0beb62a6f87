using System.ComponentModel;
using CryptoViz.Ingest.Forecasting;
using CryptoViz.Ingest.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Ingest.Apis;

/// <summary>The live forecasts and the backtest scores behind them (see <see cref="ForecastRunner"/>).</summary>
public static class ForecastsApi
{
    public static RouteGroupBuilder MapForecastsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api").WithTags("Forecasts");
        api.MapGet("/coins/{symbol}/forecasts", GetForecasts)
            .WithName("GetForecasts")
            .WithSummary("Current forecasts of one coin, per source and horizon, with 90 % intervals")
            .WithDescription("For every source of the coin and every horizon (1, 15, 60, 240 min): the served model's forecast of the close " +
                "at `targetTime` from the last stored minute (`originTime`), its 90 % prediction interval [`lower`, `upper`], and that " +
                "model's walk-forward backtest on the source's recent history: `backtestPoints`, `mase` (its MAE over the naive " +
                "forecast's on the same points; the served model is the best one that beats naive, else naive itself, so never above 1) " +
                "and `coverage90` (share of outcomes inside the interval). Refreshed every Ingest:Forecasting:Interval; 404 until the " +
                "first run has seen the coin.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/models", GetModels)
            .WithName("GetModelScores")
            .WithSummary("Backtest scores of every model per coin, source and horizon")
            .WithDescription("The leaderboard against naive, one row per series (`source/SYMBOL`), model and horizon, in the shape of the " +
                "offline `backtest` command's JSON: `series`, `model`, `horizon_min`, `n`, `mae`, `mase`, `hit_rate` (null for a model " +
                "that never calls a direction), `coverage90`, `served`. Empty until the first forecast run.");
        return api;
    }

    public static Results<Ok<IReadOnlyList<ServedForecast>>, ValidationProblem, ProblemHttpResult> GetForecasts(
        [Description("Ticker, e.g. BTC; lower case is accepted. 1-20 letters or digits.")] string symbol, ForecastBook book)
    {
        var check = new QueryValidation();
        var valid = check.Symbol(symbol);
        if (!check.IsValid) return check.Problem();

        var forecasts = book.ForSymbol(valid!);
        return forecasts.Count == 0
            ? TypedResults.Problem($"No forecast of {valid} yet.", statusCode: StatusCodes.Status404NotFound, title: "No forecast")
            : TypedResults.Ok(forecasts);
    }

    public static Ok<IReadOnlyList<ModelScore>> GetModels(ForecastBook book) => TypedResults.Ok(book.Scores());
}
