using CryptoViz.Ingest.Apis;
using CryptoViz.Ingest.Extensions;
using Scalar.AspNetCore;

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
app.MapOpenApi();                // /openapi/v1.json
app.MapScalarApiReference();     // /scalar

app.Run();
