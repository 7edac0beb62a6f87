using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

public static class ProviderKeyExtensions
{
    public const string CoinMarketCapParameter = "coinmarketcap-api-key";

    /// <summary>
    /// The Scraper's CoinMarketCap key as a secret parameter (<c>Parameters:coinmarketcap-api-key</c>), handed over as
    /// <c>CoinMarketCap__ApiKey</c>. Published always, as a placeholder. In run mode only when the AppHost has a value:
    /// otherwise the Scraper keeps reading its own user secrets, and nothing prompts or blocks start-up.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithCoinMarketCapKey(this IResourceBuilder<ProjectResource> scraper)
    {
        var builder = scraper.ApplicationBuilder;
        if (!builder.ExecutionContext.IsPublishMode && string.IsNullOrEmpty(builder.Configuration[$"Parameters:{CoinMarketCapParameter}"]))
        {
            return scraper;
        }

        // An empty default instead of Aspire's prompt: a placeholder is all that publishing writes, and a fresh
        // clone must publish without anyone holding the key.
        var key = builder.AddParameter(CoinMarketCapParameter, () => builder.Configuration[$"Parameters:{CoinMarketCapParameter}"] ?? "", secret: true)
            .WithDescription("CoinMarketCap API key of the Scraper; empty runs on the keyless sources only");
        return scraper.WithEnvironment("CoinMarketCap__ApiKey", key);
    }
}
