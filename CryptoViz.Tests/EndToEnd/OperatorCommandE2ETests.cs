using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using Aspire.Hosting.ApplicationModel;
using Confluent.Kafka;
using CryptoViz.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoViz.Tests.EndToEnd;

/// <summary>The dashboard's commands, as <c>aspire resource &lt;resource&gt; &lt;command&gt;</c> runs them, on the running app model.</summary>
[Collection(AppHostCollection.Name)]
public sealed class OperatorCommandE2ETests(AppHostFixture fixture)
{
    [Fact]
    public async Task Evaluate_models_on_ingest_runs_the_backtest_and_reports_it()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();

        var result = await commands.ExecuteCommandAsync("ingest", "evaluate-models", cts.Token);

        Assert.True(result.Success, result.Message);
        // The service's answer, shown in the dashboard: how many series it backtested.
        Assert.Contains("\"series\":", result.Data?.Value);
    }

    [Fact]
    public async Task Simulate_outage_takes_the_embedded_broker_down_then_back_and_the_pipeline_carries_on()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = await fixture.App.GetConnectionStringAsync("kafka", cts.Token) })
            .SetLogHandler((_, _) => { }).Build();
        using var ingest = fixture.CreateHttpClient("ingest");

        var result = await commands.ExecuteCommandAsync("kafka", "simulate-outage", cts.Token);
        var whileDown = Record.Exception(() => admin.GetMetadata(TimeSpan.FromSeconds(1)));
        await Eventually.GetAsync(() => Task.FromResult<Metadata?>(Metadata(admin)), m => m is not null, TimeSpan.FromSeconds(60), "the broker back");
        var rowsAfter = await RowsAsync(ingest, cts.Token);
        await Eventually.GetAsync(() => RowsAsync(ingest, cts.Token).ContinueWith(t => (long?)t.Result), r => r > rowsAfter, TimeSpan.FromSeconds(60), "rows stored after the outage");

        Assert.True(result.Success, result.Message);
        Assert.IsType<KafkaException>(whileDown);
    }

    private static Metadata? Metadata(IAdminClient admin)
    {
        try
        {
            return admin.GetMetadata(TimeSpan.FromSeconds(1));
        }
        catch (KafkaException)
        {
            return null;
        }
    }

    private static async Task<long> RowsAsync(HttpClient ingest, CancellationToken cancellationToken) =>
        (await ingest.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/stats", cancellationToken)).GetProperty("rows").GetInt64();

    [Fact]
    public async Task Backfill_on_the_scraper_starts_a_run_and_answers_with_its_status()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();

        var result = await commands.ExecuteCommandAsync("scraper", "backfill", cts.Token);

        Assert.True(result.Success, result.Message);
        Assert.Contains("\"summary\":", result.Data?.Value);
    }
}
