using CryptoViz.Scraper.Extensions;
using CryptoViz.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CryptoViz.Tests.Scraper;

public sealed class ScraperOptionsTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    /// <remarks>
    /// The Scraper's services and the validator its host runs first at start, without starting a host: a web host whose
    /// start fails races WebApplicationFactory's own start (it then reports its disposed provider, not the reason).
    /// </remarks>
    [Theory]
    [InlineData("Scraper:CoinGecko:TopN", "0", "TopN")]
    [InlineData("Scraper:CoinMarketCap:Interval", "00:00:00", "Interval")]
    [InlineData("Scraper:CoinGecko:BaseUrl", "api.coingecko.com", "BaseUrl")]
    [InlineData("Scraper:Simulated:Enabled", "sometimes", "Enabled")]
    [InlineData("Scraper:FallbackAfter", "00:00:00", "FallbackAfter")]
    [InlineData("Scraper:StopFlushTimeout", "00:01:00", "StopFlushTimeout")]
    [InlineData("Scraper:Binance:RestBaseUrl", "wss://data-stream.binance.vision/", "RestBaseUrl")]
    [InlineData("Scraper:Binance:RestWeightBudget", "6001", "RestWeightBudget")]
    [InlineData("Scraper:CoinGecko:HistoryInterval", "00:00:00", "HistoryInterval")]
    public void Bad_settings_stop_the_start(string key, string value, string member)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:kafka", kafka.BootstrapServers), new(key, value)]);
        builder.AddApplicationServices();
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(member, error.Message);
    }

    [Fact]
    public void Good_settings_pass_the_same_check()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:kafka", kafka.BootstrapServers)]);
        builder.AddApplicationServices();
        using var host = builder.Build();

        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }
}
