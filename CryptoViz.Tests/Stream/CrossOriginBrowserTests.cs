using CryptoViz.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using static CryptoViz.Tests.Stream.StreamTestKit;

namespace CryptoViz.Tests.Stream;

/// <summary>
/// V2's README snippet, <c>new EventSource('http://&lt;host&gt;:5000/stream')</c>, in Chromium on a page of another origin:
/// Stream's public data answers any origin by default, as V2 did, and only the configured ones when a list is set.
/// </summary>
public sealed class CrossOriginBrowserTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_page_of_another_origin_streams_and_reads_stats_by_default()
    {
        using var producer = kafka.StreamingProducer();
        await using var stream = StreamAppFactory.Start(kafka.BootstrapServers);
        using var http = stream.CreateHttpClient();
        await http.WaitUntilStreamingAsync();
        await using var site = await StartSiteAsync(stream.Address);
        await using var browser = await OpenAsync(site);

        await browser.Page.WaitForFunctionAsync("() => window.events.includes('welcome') && window.stats !== undefined", null, Wait);
        await producer.ProduceAsync(Record("ETH", "coingecko", 3021.5));
        await browser.Page.WaitForFunctionAsync("() => window.events.includes('crypto_update')", null, Wait);

        Assert.Equal("redpanda", await browser.Page.EvaluateAsync<string>("() => window.stats.backend"));
        Assert.Equal(0, await browser.Page.EvaluateAsync<int>("() => window.errors"));
    }

    [Fact]
    public async Task A_configured_origin_list_keeps_other_pages_out()
    {
        await using var stream = StreamAppFactory.Start(kafka.BootstrapServers,
            new Dictionary<string, string?> { ["Stream:AllowedOrigins:0"] = "http://dashboard.example" });
        await using var site = await StartSiteAsync(stream.Address);
        await using var browser = await OpenAsync(site);

        await browser.Page.WaitForFunctionAsync("() => window.errors > 0 && window.statsError !== undefined", null, Wait);

        Assert.Empty(await browser.Page.EvaluateAsync<string[]>("() => window.events"));
    }

    private static PageWaitForFunctionOptions Wait => new() { Timeout = (float)s_timeout.TotalMilliseconds };

    /// <summary>A site on another port (so another origin) whose page opens Stream the way V2's README shows.</summary>
    private static async Task<WebApplication> StartSiteAsync(Uri stream)
    {
        var site = LoopbackServer.Create();
        var page = $$"""
            <!doctype html>
            <title>V2 client</title>
            <script>
              window.events = [];
              window.errors = 0;
              const source = new EventSource('{{stream}}stream');
              source.onmessage = e => window.events.push(JSON.parse(e.data).type);
              source.onerror = () => window.errors++;
              fetch('{{stream}}stats').then(r => r.json()).then(s => window.stats = s, e => window.statsError = String(e));
            </script>
            """;
        site.MapGet("/", () => Results.Content(page, "text/html"));
        await site.StartAsync(Ct);
        return site;
    }

    private static async Task<BrowserPage> OpenAsync(WebApplication site)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await DebianChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(LoopbackServer.AddressOf(site).ToString());
        return new BrowserPage(playwright, browser, page);
    }

    private sealed record BrowserPage(IPlaywright Playwright, IBrowser Browser, IPage Page) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            Playwright.Dispose();
        }
    }
}
