using System.Net;
using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Ingest;
using CryptoViz.Ingest.Forecasting;
using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CryptoViz.Tests.Ingest.Forecasting;

/// <summary>
/// The live part end to end inside one Ingest host: 12 h of BTC ticks from one source in DuckDB, one evaluation,
/// then the API and the <c>crypto-predictions</c> topic. The clock is fixed, so the worker's timers never fire
/// and the runs happen exactly when the test asks.
/// </summary>
public sealed class LiveForecastTests : IAsyncLifetime
{
    private static readonly DateTime s_now = new(2025, 9, 5, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime s_jump = s_now.AddMinutes(-20);
    private readonly string _directory = Directory.CreateTempSubdirectory("cryptoviz-forecast-").FullName;
    private readonly EmbeddedKafkaFixture _kafka = new();
    private WebApplicationFactory<IngestOptions> _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _factory = IngestTestHost.Create(_kafka, Path.Combine(_directory, "forecast.duckdb"), s_now);
        _factory.Services.GetRequiredService<PriceStore>().Write(Ticks());
        return ValueTask.CompletedTask;
    }

    /// <summary>A tick every 30 s for 12 h, a random walk that jumps 4 % twenty minutes before now.</summary>
    private static List<CryptoPrice> Ticks()
    {
        var walk = SyntheticSeries.RandomWalk(12 * 120, 0.0007, seed: 14, start: 60_000);
        return [.. walk.Select((price, i) =>
        {
            var at = s_now.AddSeconds(30 * (i - walk.Length + 1));
            return new CryptoPrice
            {
                Name = "Bitcoin", Symbol = "BTC", Price = at >= s_jump ? price * 1.04 : price, MarketCap = 1e12, Source = "alpha",
                Timestamp = at, IngestionTimestamp = at, ProducerId = "forecast-tests",
            };
        })];
    }

    [Fact]
    public async Task A_run_serves_forecasts_and_scores_over_the_api_and_publishes_them_with_the_anomaly()
    {
        var run = await _factory.Services.GetRequiredService<ForecastRunner>().EvaluateAllAsync(Ct);
        using var http = _factory.CreateClient();

        Assert.Equal(new ForecastRunSummary(1, 4, 1), run);

        using var forecasts = JsonDocument.Parse(await http.GetStringAsync("/api/coins/btc/forecasts", Ct));
        var rows = forecasts.RootElement.EnumerateArray().ToList();
        Assert.Equal([1, 15, 60, 240], rows.Select(r => r.GetProperty("horizonMinutes").GetInt32()).Order());
        Assert.All(rows, row =>
        {
            Assert.Equal("alpha", row.GetProperty("source").GetString());
            // The window ends before now: the last minute with a stored tick is 11:59.
            Assert.Equal(s_now.AddMinutes(-1), row.GetProperty("originTime").GetDateTime().ToUniversalTime());
            Assert.InRange(row.GetProperty("central").GetDouble(), row.GetProperty("lower").GetDouble(), row.GetProperty("upper").GetDouble());
            Assert.True(row.GetProperty("mase").GetDouble() <= 1);
        });

        using var models = JsonDocument.Parse(await http.GetStringAsync("/api/models", Ct));
        var scores = models.RootElement.EnumerateArray().ToList();
        Assert.Equal(6 * 4, scores.Count);
        Assert.All(scores, score => Assert.Equal("alpha/BTC", score.GetProperty("series").GetString()));
        Assert.Equal(4, scores.Count(score => score.GetProperty("served").GetBoolean()));

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/coins/DOGE/forecasts", Ct)).StatusCode);

        var published = ConsumePredictions(5);
        Assert.Equal(4, published.Count(p => p.Kind == Prediction.ForecastKind));
        var anomaly = Assert.Single(published, p => p.Kind == Prediction.AnomalyKind);
        Assert.Equal(s_jump, anomaly.Timestamp);
        Assert.StartsWith("jump of +", anomaly.Reason);
    }

    [Fact]
    public async Task The_next_run_checks_only_the_ticks_stored_since_and_does_not_flag_the_jump_again()
    {
        var runner = _factory.Services.GetRequiredService<ForecastRunner>();
        await runner.EvaluateAllAsync(Ct);
        ((FakeTimeProvider)_factory.Services.GetRequiredService<TimeProvider>()).Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(new ForecastRunSummary(1, 4, 0), await runner.ForecastAsync(Ct));
    }

    [Fact]
    public async Task The_forecast_endpoints_are_in_the_openapi_document()
    {
        using var http = _factory.CreateClient();

        using var openApi = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json", Ct));

        var paths = openApi.RootElement.GetProperty("paths");
        Assert.Equal("GetForecasts", paths.GetProperty("/api/coins/{symbol}/forecasts").GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("GetModelScores", paths.GetProperty("/api/models").GetProperty("get").GetProperty("operationId").GetString());
    }

    private List<Prediction> ConsumePredictions(int count)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = _kafka.BootstrapServers,
            GroupId = $"forecast-tests-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = 10,
        }).Build();
        consumer.Subscribe(Topics.Predictions);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var predictions = new List<Prediction>();
        while (predictions.Count < count)
        {
            var result = consumer.Consume(timeout.Token);
            Assert.Equal(MessageKey.For("BTC", "alpha"), result.Message.Key);
            predictions.Add(JsonSerializer.Deserialize(result.Message.Value, CryptoVizJsonContext.Default.Prediction)!);
        }

        consumer.Close();
        return predictions;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _kafka.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
