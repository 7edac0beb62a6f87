using System.Text.Json;
using CryptoViz.Ingest;
using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CryptoViz.Tests.Ingest.Forecasting;

/// <summary>
/// The worker's own schedule inside one Ingest host, on a fake clock: a series that starts with a few live minutes and
/// then gets a week of history (a backfill) is evaluated on that week at the next check, long before its walk is due
/// for re-evaluation. Only the fake clock moves the worker; the test waits on the API's answers.
/// </summary>
public sealed class LiveEvaluationTests : IAsyncLifetime
{
    private static readonly DateTime s_start = new(2025, 9, 5, 12, 0, 0, DateTimeKind.Utc);
    private const int LiveMinutes = 20;
    private readonly string _directory = Directory.CreateTempSubdirectory("cryptoviz-evaluation-").FullName;
    private readonly EmbeddedKafkaFixture _kafka = new();
    private WebApplicationFactory<IngestOptions> _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FakeTimeProvider Clock => (FakeTimeProvider)_factory.Services.GetRequiredService<TimeProvider>();

    public ValueTask InitializeAsync()
    {
        _factory = IngestTestHost.Create(_kafka, Path.Combine(_directory, "evaluation.duckdb"), s_start);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task History_that_lands_after_start_is_evaluated_at_the_next_check()
    {
        var store = _factory.Services.GetRequiredService<PriceStore>();
        var settings = _factory.Services.GetRequiredService<IOptions<ForecastingOptions>>().Value;
        using var http = _factory.CreateClient();
        var walk = SyntheticSeries.RandomWalk(7 * 1440 + LiveMinutes, 0.0008, seed: 31, start: 3000);
        store.Write(Ticks(walk[^LiveMinutes..], s_start.AddMinutes(-LiveMinutes)));

        Clock.Advance(settings.EvaluationCheck);
        var live = await ScoresAsync(http, scores => scores.Count > 0);
        Assert.All(live, score => Assert.Equal(0, score.N));

        // A week of minutes before the live ones, as the backfill stores it.
        store.Write(Ticks(walk[..^LiveMinutes], s_start.AddMinutes(-walk.Length)));
        Clock.Advance(settings.EvaluationCheck);
        var evaluated = await ScoresAsync(http, scores => scores.Any(score => score.N > 0));

        Assert.All(evaluated, score => Assert.True(score.N > 1000, $"{score.Model} {score.Horizon} min: n = {score.N}"));
        Assert.Contains(evaluated, score => score.Model == "boosted_trees");
        // On the fake clock, long before the walk from the live minutes was due to start afresh.
        Assert.True(Clock.GetUtcNow() - s_start < settings.Reevaluation);
    }

    private static async Task<List<(string Model, int Horizon, int N)>> ScoresAsync(HttpClient http, Func<List<(string Model, int Horizon, int N)>, bool> until) =>
        await Eventually.GetAsync(
            async () =>
            {
                using var models = JsonDocument.Parse(await http.GetStringAsync("/api/models", Ct));
                return models.RootElement.EnumerateArray()
                    .Select(score => (score.GetProperty("model").GetString()!, score.GetProperty("horizon_min").GetInt32(), score.GetProperty("n").GetInt32()))
                    .ToList();
            },
            scores => scores is not null && until(scores),
            TimeSpan.FromSeconds(60),
            "the evaluation check");

    /// <summary>One tick a minute from <paramref name="first"/> on, at the minute's 30th second.</summary>
    private static IEnumerable<CryptoPrice> Ticks(double[] closes, DateTime first) =>
        closes.Select((price, i) =>
        {
            var at = first.AddMinutes(i).AddSeconds(30);
            return new CryptoPrice
            {
                Name = "Bitcoin", Symbol = "BTC", Price = price, MarketCap = 1e12, Source = "alpha",
                Timestamp = at, IngestionTimestamp = at, ProducerId = "evaluation-tests",
            };
        });

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _kafka.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
