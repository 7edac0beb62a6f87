using CryptoViz.Tests.Support;
using Microsoft.Extensions.Options;

namespace CryptoViz.Tests.Scraper;

public sealed class ScraperOptionsTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    [Theory]
    [InlineData("Scraper:CoinGecko:TopN", "0", "TopN")]
    [InlineData("Scraper:CoinMarketCap:Interval", "00:00:00", "Interval")]
    [InlineData("Scraper:CoinGecko:BaseUrl", "api.coingecko.com", "BaseUrl")]
    [InlineData("Scraper:Simulated:Enabled", "sometimes", "Enabled")]
    [InlineData("Scraper:FallbackAfter", "00:00:00", "FallbackAfter")]
    public async Task Bad_settings_stop_the_start(string key, string value, string member)
    {
        await using var host = new ScraperHost(kafka, new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services);

        Assert.Contains(member, error.Message);
    }
}
