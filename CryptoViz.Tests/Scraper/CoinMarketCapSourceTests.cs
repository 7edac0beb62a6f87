using CryptoViz.Scraper.Sources.CoinMarketCap;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Scraper;

/// <summary>The CoinMarketCap provider against a local server playing CoinMarketCap's recorded listing.</summary>
public sealed class CoinMarketCapSourceTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>, IAsyncLifetime
{
    private const string ApiKey = "cmc-test-key-3f9a0c61d2b84e7f";
    private static readonly TimeSpan s_interval = TimeSpan.FromMinutes(5);
    private FakeProviderServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeProviderServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Recorded_listing_maps_to_V2_records_and_the_key_is_sent_but_never_logged()
    {
        // Arrange
        _server.RespondJson(ScraperFixtures.Read(ScraperFixtures.CoinMarketCapListings));
        await using var host = Host(ApiKey);

        // Act: one good call, then one the API refuses (CMC's 401 for a bad key), to run the error paths too.
        var records = await host.ConsumeAsync(kafka, r => r.Count >= 20);
        _server.RespondJson("""{"status":{"error_code":1001,"error_message":"This API Key is invalid."}}""", 401);
        host.Time.Advance(s_interval);
        var state = host.State("coinmarketcap");
        await host.UntilAsync(() => state.Fetches == 2, "the refused fetch");

        // Assert: the call and its key header
        var request = _server.Requests.First();
        Assert.Equal("/v1/cryptocurrency/listings/latest?start=1&limit=50&convert=USD", request.PathAndQuery);
        Assert.Equal(ApiKey, request.Headers[CoinMarketCapSource.ApiKeyHeader]);
        Assert.Equal("http-401", state.LastError);

        // ... the mapping (docs/v2-contract.md#providers: name and symbol as given, numbers from quote.USD)
        Assert.Equal(20, records.Count);
        Assert.All(records, r => Assert.Equal("coinmarketcap", r.Source));
        var btc = Assert.Single(records, r => r.Symbol == "BTC");
        Assert.Equal("Bitcoin", btc.Name);
        Assert.Equal(61137.27250669717, btc.Price);
        Assert.Equal(5.56484082, btc.PercentChange24h);
        Assert.Equal(1207787238218.8198, btc.MarketCap);
        Assert.Equal(new DateTime(2024, 9, 17, 15, 59, 0, DateTimeKind.Utc), btc.Timestamp);
        Assert.Equal(34883015919.87704, btc.Volume24h);
        Assert.Equal((null, null), (btc.Volume, btc.QuoteVolume));
        Assert.Equal(1575464.71436099, Assert.Single(records, r => r.Symbol == "LEO").Volume24h);
        Assert.Equal("Tether USDt", Assert.Single(records, r => r.Symbol == "USDT").Name);
        Assert.Equal("UNUS SED LEO", Assert.Single(records, r => r.Symbol == "LEO").Name);
        Assert.Equal(-0.21622828, Assert.Single(records, r => r.Symbol == "LEO").PercentChange24h);

        // ... and the key nowhere in the logs (every level, state and exception) nor in /health.
        Assert.NotEmpty(host.Logs.Entries);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Text.Contains(ApiKey, StringComparison.Ordinal));
        var health = await host.SourcesHealthAsync();
        Assert.DoesNotContain(ApiKey, $"{health.Description} {string.Join(";", health.Data.Select(d => $"{d.Key}={d.Value}"))}");
    }

    [Fact]
    public async Task Without_a_key_the_provider_is_off()
    {
        _server.RespondJson(ScraperFixtures.Read(ScraperFixtures.CoinMarketCapListings));
        await using var host = Host(apiKey: null);

        var health = await host.SourcesHealthAsync();

        Assert.Null(host.Supervisor.StateOf("coinmarketcap"));
        Assert.Equal("off: no API key (CoinMarketCap:ApiKey)", health.Data["coinmarketcap"]);
        Assert.Empty(_server.Requests);
    }

    private ScraperHost Host(string? apiKey)
    {
        var host = new ScraperHost(kafka, new Dictionary<string, string?>
        {
            ["Scraper:CoinMarketCap:Enabled"] = "true",
            ["Scraper:CoinMarketCap:BaseUrl"] = _server.BaseUrl.ToString(),
            ["Scraper:CoinMarketCap:Interval"] = s_interval.ToString(),
            ["CoinMarketCap:ApiKey"] = apiKey,
        });
        _ = host.Services;
        return host;
    }
}
