using Microsoft.Playwright;

namespace CryptoViz.Tests.Support;

/// <summary>
/// Debian's Chromium (installed by the test project's build when missing), never a browser of Playwright's own; the
/// flags keep it off the network this machine does not have.
/// </summary>
internal static class DebianChromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
}
