using CryptoViz.Ingest.Apis;
using CryptoViz.Ingest.Extensions;
using CryptoViz.Ingest.Forecasting;
using Scalar.AspNetCore;

// The offline backtest is a command of this service's binary, so that it runs exactly the service's models.
if (BacktestCommand.IsInvoked(args))
{
    return await BacktestCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapPricesApi();
app.MapCoinsApi();
app.MapStoreApi();
app.MapHistoryApi();
app.MapForecastsApi();
app.MapCommandsApi();
app.MapOpenApi();                // /openapi/v1.json
app.MapScalarApiReference();     // /scalar

app.Run();
return 0;
