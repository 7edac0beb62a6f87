using CryptoViz.Web.Extensions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using CryptoViz.Web.Feed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CryptoViz.Tests.Web;

/// <summary>The Web server's real service wiring (ServiceDefaults + AddApplicationServices) in a bare host.</summary>
internal static class FeedHost
{
    public static Dictionary<string, string?> Settings(Uri stream) => new()
    {
        ["services:stream:http:0"] = stream.ToString(),
        // Fast reconnects keep the reconnect tests short; the production defaults are in appsettings.json.
        ["StreamFeed:InitialReconnectDelay"] = "00:00:00.050",
        ["StreamFeed:MaxReconnectDelay"] = "00:00:00.200",
    };

    public static IHost Build(Uri stream)
    {
        // A web host, as Razor components need one; on a free loopback port since StartAsync listens.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(Settings(stream));
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        return builder.Build();
    }

    public static async Task<IHost> StartAsync(Uri stream)
    {
        var host = Build(stream);
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    /// <summary>Completes when <paramref name="condition"/> holds, checked on every feed event (quote, prediction, state): no polling delay.</summary>
    public static async Task WaitUntilAsync(this MarketFeed feed, Func<MarketFeed, bool> condition, TimeSpan? timeout = null)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (condition(feed))
            {
                reached.TrySetResult();
            }
        }

        feed.QuotesChanged += Check;
        feed.PredictionsChanged += Check;
        feed.StateChanged += Check;
        try
        {
            Check();
            await reached.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }
        finally
        {
            feed.QuotesChanged -= Check;
            feed.PredictionsChanged -= Check;
            feed.StateChanged -= Check;
        }
    }
}
