using CryptoViz.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CryptoViz.Tests.Web;

/// <summary>
/// The Web app in Debian's Chromium between in-test servers in Stream's role (SSE, /stats, /health) and Ingest's
/// role (canned query API; without it Ingest is unreachable, as when it is down). Screenshots go to <c>screenshots/</c>
/// under the test output directory.
/// </summary>
internal sealed class BrowserHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly string s_screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private WebAppFactory _web = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public FakeStreamServer Stream { get; private set; } = null!;

    /// <summary>Null when started without Ingest.</summary>
    public CannedJsonServer? Ingest { get; private set; }

    /// <summary>In the Scraper's role (its backfill's status); answers 404 until a test maps something.</summary>
    public CannedJsonServer Scraper { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public static async Task<BrowserHarness> StartAsync(bool withIngest = true)
    {
        var harness = new BrowserHarness
        {
            Stream = await FakeStreamServer.StartAsync(),
            Ingest = withIngest ? await CannedJsonServer.StartAsync() : null,
            Scraper = await CannedJsonServer.StartAsync(),
        };
        harness._web = new WebAppFactory(harness.Stream.Address, harness.Ingest?.Address, harness.Scraper.Address);
        harness.BaseUrl = harness._web.Start();
        harness._playwright = await Playwright.CreateAsync();
        harness._browser = await DebianChromium.LaunchAsync(harness._playwright);
        SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        Directory.CreateDirectory(s_screenshots);
        return harness;
    }

    /// <summary>A page whose console errors land in <paramref name="errors"/>.</summary>
    public async Task<IPage> NewPageAsync(List<string> errors, int width = 1400, int height = 1100)
    {
        var page = await NewPageAsync(width, height);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        return page;
    }

    public Task<IPage> NewPageAsync(int width = 1400, int height = 1100) =>
        _browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });

    public Task<IPage> NewPageAsync(BrowserNewPageOptions options) => _browser.NewPageAsync(options);

    public static Task ScreenshotAsync(IPage page, string name, bool fullPage = false) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(s_screenshots, name), Animations = ScreenshotAnimations.Disabled, FullPage = fullPage });

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _web.DisposeAsync();
        if (Ingest is not null)
        {
            await Ingest.DisposeAsync();
        }

        await Scraper.DisposeAsync();
        await Stream.DisposeAsync();
    }
}
