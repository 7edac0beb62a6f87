using CryptoViz.Scraper.Backfill;
using CryptoViz.Scraper.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapBackfillApi();

app.Run();
