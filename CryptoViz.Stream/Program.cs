using CryptoViz.Stream.Apis;
using CryptoViz.Stream.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseCors();
app.MapProbeEndpoints();
app.MapStreamApi();

app.Run();
