using System.Net.Http.Json;
using CryptoViz.Ingest.Model;
using CryptoViz.Scraper.Backfill;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Tests.Scraper;

/// <summary>
/// The backfill between a real Scraper and a real Ingest on the embedded broker: every live series gets its past once,
/// a second run finds nothing missing, and progress shows where people look.
/// </summary>
public sealed class BackfillTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>, IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    // Small: the HTTP clients' timeouts run on the same fake clock.
    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(200);
    private readonly string _directory = Directory.CreateTempSubdirectory("cryptoviz-backfill-").FullName;

    [Fact]
    public async Task Every_live_series_gets_a_day_of_history_once_and_a_second_run_finds_nothing_missing()
    {
        // Arrange: Ingest with its clock an hour past the Scraper's start (its live ticks stay in Ingest's past); the
        // Scraper on both offline sources, a day deep.
        await using var ingest = IngestTestHost.Create(kafka, Path.Combine(_directory, "backfill.duckdb"), ScraperHost.Start.UtcDateTime.AddHours(1));
        using var ingestHttp = ingest.CreateClient();
        await using var scraper = new ScraperHost(kafka, new Dictionary<string, string?>
        {
            ["Scraper:Replay:Enabled"] = "true",
            ["Scraper:Simulated:Enabled"] = "auto",
            ["Scraper:Backfill:Enabled"] = "true",
            ["Scraper:Backfill:Depth"] = "1.00:00:00",
            ["Scraper:Backfill:PollInterval"] = "00:00:01",
            ["Scraper:Backfill:Ingest"] = "http://ingest/",
        }, services => services.AddHttpClient<IngestCoverageClient>().ConfigurePrimaryHttpMessageHandler(() => ingest.Server.CreateHandler()));
        var progress = scraper.Services.GetRequiredService<BackfillProgress>();

        // Act: the sources tick (so they are live), then the backfill runs; without real providers the simulated market
        // stands in only for the coins the replay lacks.
        await scraper.UntilAsync(() => progress.Snapshot().State == BackfillStatus.Complete, "a complete backfill", step: s_step, timeout: s_timeout);
        var first = progress.Snapshot();
        // Ingest's clock moves on too, or its last batch would never be due.
        var ingestTime = (FakeTimeProvider)ingest.Services.GetRequiredService<TimeProvider>();
        var coverage = await Eventually.GetAsync(
            () =>
            {
                ingestTime.Advance(s_step);
                return ingestHttp.GetFromJsonAsync($"/api/history/coverage?from={ScraperHost.Start.UtcDateTime.AddDays(-2):O}",
                    CryptoVizJsonContext.Default.IReadOnlyListCoveredRange, TestContext.Current.CancellationToken);
            },
            c => c?.Count(r => r.From <= ScraperHost.Start.UtcDateTime.AddDays(-1) && r.To >= ScraperHost.Start.UtcDateTime) == 20, s_timeout, "a day of every series stored");
        scraper.Services.GetRequiredService<BackfillService>().RequestRun();
        await scraper.UntilAsync(() => progress.Snapshot() is { State: BackfillStatus.Complete, SeriesTotal: 0 }, "a second run", step: s_step, timeout: s_timeout);
        var btc = await ingestHttp.GetFromJsonAsync($"/api/coins/BTC/candles?interval=1h&source=replay&from={ScraperHost.Start.UtcDateTime.AddDays(-1):O}&to={ScraperHost.Start.UtcDateTime:O}",
            IngestApiJsonContext.Default.CandleSeries, TestContext.Current.CancellationToken);
        var health = (await scraper.HealthAsync(BackfillHealthCheck.Name)).Description;

        // Assert: 5 replayed and 15 simulated series, a day each (1,440 minutes), stored once; then nothing left to fill.
        Assert.Equal((20, 20, 0, 1.0, 20 * 1440L), (first.SeriesTotal, first.SeriesDone, first.SeriesFailed, first.Days, first.Candles));
        Assert.Equal("history complete: 20 series filled, 1.0 days each", first.Summary);
        Assert.Equal(5, coverage.Count(r => r.Source == "replay"));
        Assert.Equal(15, coverage.Count(r => r.Source == "simulated"));
        Assert.Equal(25, btc!.Candles.Count); // a day from 16:05 touches 25 hours
        Assert.All(btc.Candles, c => Assert.True(c.Volume > 0 && c.Ticks == 0));
        Assert.Equal("history complete: nothing missing", health);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
