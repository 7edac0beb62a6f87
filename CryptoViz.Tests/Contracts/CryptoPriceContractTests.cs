using System.Text;
using System.Text.Json;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Tests.Contracts;

public sealed class CryptoPriceContractTests
{
    // V2's example message (docs/v2-contract.md#price-record), as V2's scraper wrote it.
    private const string SeedCoinMarketCapRecord = """
        {"name": "Bitcoin", "symbol": "BTC", "price": 111842.37, "percent_change_24h": 1.38,
         "market_cap": 2227465120389.51, "source": "coinmarketcap", "timestamp": "2025-09-04 18:42:07",
         "ingestion_timestamp": "2025-09-04T18:42:09.513842", "producer_id": "crypto-scraper-v2",
         "schema_version": "2.0"}
        """;

    private static readonly DateTime s_now = new(2025, 9, 4, 18, 43, 0, DateTimeKind.Utc);

    [Fact]
    public void Reads_the_seed_record_field_for_field()
    {
        Assert.True(CryptoPriceValidator.TryParse(Encoding.UTF8.GetBytes(SeedCoinMarketCapRecord), s_now, out var price, out var reason), reason);

        Assert.Equal("Bitcoin", price!.Name);
        Assert.Equal("BTC", price.Symbol);
        Assert.Equal(111842.37, price.Price);
        Assert.Equal(1.38, price.PercentChange24h);
        Assert.Equal(2227465120389.51, price.MarketCap);
        Assert.Equal("coinmarketcap", price.Source);
        Assert.Equal(new DateTime(2025, 9, 4, 18, 42, 7, DateTimeKind.Utc), price.Timestamp);
        Assert.Equal(new DateTime(2025, 9, 4, 18, 42, 9, DateTimeKind.Utc).AddTicks(5138420), price.IngestionTimestamp);
        Assert.Equal("crypto-scraper-v2", price.ProducerId);
        Assert.Equal("2.0", price.SchemaVersion);
    }

    [Fact]
    public void Accepts_integer_market_cap_and_null_change_as_CoinGecko_sends_them()
    {
        var json = """{"name":"Binance Coin","symbol":"BNB","price":861.24,"percent_change_24h":null,"market_cap":119912345678,"source":"coingecko","timestamp":"2025-09-04 18:42:05","ingestion_timestamp":"2025-09-04T18:42:09","producer_id":"crypto-scraper-v2","schema_version":"2.0"}""";

        Assert.True(CryptoPriceValidator.TryParse(Encoding.UTF8.GetBytes(json), s_now, out var price, out _));
        Assert.Null(price!.PercentChange24h);
        Assert.Equal(119912345678d, price.MarketCap);
    }

    [Fact]
    public void Writes_every_V2_field_with_V2_names_and_time_shapes()
    {
        var price = new CryptoPrice
        {
            Name = "Ethereum", Symbol = "ETH", Price = 4321.5, PercentChange24h = -0.5, MarketCap = 5.2e11, Source = "coingecko",
            Timestamp = new DateTime(2025, 9, 4, 18, 42, 7, 900, DateTimeKind.Utc),
            IngestionTimestamp = new DateTime(2025, 9, 4, 18, 42, 9, DateTimeKind.Utc),
            ProducerId = "cryptoviz-scraper",
        };

        using var doc = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(price, CryptoVizJsonContext.Default.CryptoPrice));
        var fields = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(["name", "symbol", "price", "percent_change_24h", "market_cap", "source", "timestamp", "ingestion_timestamp", "producer_id", "schema_version", "event_time"], fields);
        Assert.Equal("2025-09-04 18:42:07", doc.RootElement.GetProperty("timestamp").GetString());
        // The quote time as precisely as it was given, after V2's fields (which V2 clients read by name).
        Assert.Equal("2025-09-04T18:42:07.900000", doc.RootElement.GetProperty("event_time").GetString());
        // Python's isoformat() omits the fraction when it is zero.
        Assert.Equal("2025-09-04T18:42:09", doc.RootElement.GetProperty("ingestion_timestamp").GetString());
        Assert.Equal("2.0", doc.RootElement.GetProperty("schema_version").GetString());
    }

    [Fact]
    public void Volumes_are_written_after_V2s_fields_and_event_time_and_left_out_when_unknown()
    {
        var price = new CryptoPrice
        {
            Name = "Bitcoin", Symbol = "BTC", Price = 10441.8, MarketCap = 0, Source = "binance",
            Timestamp = new DateTime(2020, 10, 2, 9, 17, 8, 469, DateTimeKind.Utc),
            IngestionTimestamp = new DateTime(2020, 10, 2, 9, 17, 9, DateTimeKind.Utc), ProducerId = "cryptoviz-scraper",
        };

        var fields = Fields(price with { Volume = 1.25, QuoteVolume = 13_052.25, Volume24h = 4.55e8 });
        var withVolumeOnly = Fields(price with { Volume = 1.25 });

        Assert.Equal(["name", "symbol", "price", "percent_change_24h", "market_cap", "source", "timestamp", "ingestion_timestamp", "producer_id", "schema_version", "event_time", "volume", "quote_volume", "volume_24h"],
            fields.Select(f => f.Name));
        Assert.Equal([1.25, 13_052.25, 4.55e8], fields.Skip(11).Select(f => f.Value.GetDouble()));
        Assert.Equal("volume", withVolumeOnly[^1].Name);
        Assert.Equal(11, Fields(price).Count);
    }

    private static List<JsonProperty> Fields(CryptoPrice price) =>
        [.. JsonSerializer.SerializeToElement(price, CryptoVizJsonContext.Default.CryptoPrice).EnumerateObject()];

    [Fact]
    public void Iso_times_keep_microseconds_as_Python_wrote_them()
    {
        Assert.Equal("2025-09-04T18:42:09.513842", V2Time.FormatIso(new DateTime(2025, 9, 4, 18, 42, 9, DateTimeKind.Utc).AddTicks(5138420)));
    }

    [Fact]
    public void A_zoned_time_is_read_as_UTC()
    {
        Assert.True(V2Time.TryParse("2025-09-04T20:42:07+02:00", out var utc));
        Assert.Equal(new DateTime(2025, 9, 4, 18, 42, 7, DateTimeKind.Utc), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Fact]
    public void Key_is_symbol_underscore_source()
    {
        Assert.Equal("BTC_coinmarketcap", MessageKey.For("BTC", "coinmarketcap"));
    }

    [Fact]
    public void Topics_keep_the_seed_names()
    {
        Assert.Equal("crypto-raw-data", Topics.RawData);
        Assert.Equal("crypto-streaming", Topics.Streaming);
        Assert.Equal(3, Topics.SeedPartitions);
    }
}
