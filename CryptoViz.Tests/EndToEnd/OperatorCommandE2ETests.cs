using Aspire.Hosting.ApplicationModel;
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
    public async Task Backfill_on_the_scraper_starts_a_run_and_answers_with_its_status()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();

        var result = await commands.ExecuteCommandAsync("scraper", "backfill", cts.Token);

        Assert.True(result.Success, result.Message);
        Assert.Contains("\"summary\":", result.Data?.Value);
    }
}
