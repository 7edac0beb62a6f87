using System.Text.Json;
using CryptoViz.Web.Feed;

namespace CryptoViz.Tests.Web;

public sealed class StreamMessageParserTests
{
    [Fact]
    public void Crypto_update_carries_the_record_with_integer_market_cap_and_null_change()
    {
        const string data = """
            {"type": "crypto_update", "data": {"name": "Binance Coin", "symbol": "BNB", "price": 861.24,
             "percent_change_24h": null, "market_cap": 119912345678, "source": "coingecko",
             "timestamp": "2025-09-04 18:42:05", "ingestion_timestamp": "2025-09-04T18:42:09.604117",
             "producer_id": "crypto-scraper-v2", "schema_version": "2.0"},
             "timestamp": "2025-09-04T18:42:09.731022", "source": "redpanda"}
            """;

        var message = StreamMessageParser.Parse(data);

        Assert.Equal(StreamMessage.CryptoUpdate, message.Type);
        var price = Assert.IsType<CryptoViz.Contracts.Messaging.CryptoPrice>(message.Price);
        Assert.Equal(("BNB", "coingecko", 861.24, 119912345678d), (price.Symbol, price.Source, price.Price, price.MarketCap));
        Assert.Null(price.PercentChange24h);
        Assert.Equal(new DateTime(2025, 9, 4, 18, 42, 5, DateTimeKind.Utc), price.Timestamp);
    }

    [Theory]
    [InlineData("""{"type": "welcome", "message": "Streaming CryptoViz Redpanda connecté", "client_id": "client_1", "timestamp": "2025-09-04T18:42:09.164135", "backend": "redpanda"}""", "welcome")]
    [InlineData("""{"type": "heartbeat", "timestamp": "2025-09-04T18:42:39.166480", "backend": "redpanda", "stats": {"connected_clients": 3}}""", "heartbeat")]
    public void Other_types_parse_without_a_record(string data, string type)
    {
        var message = StreamMessageParser.Parse(data);

        Assert.Equal(type, message.Type);
        Assert.Null(message.Price);
    }

    [Fact]
    public void Prediction_carries_a_valid_forecast()
    {
        const string data = """
            {"type": "prediction", "data": {"kind": "forecast", "symbol": "BTC", "source": "replay", "timestamp": "2025-09-04T18:42:00Z",
             "price": 100, "model": "naive", "horizon_min": 15, "target_time": "2025-09-04T18:57:00Z", "central": 100, "lower": 98,
             "upper": 102, "mase": 1, "coverage90": 0.91}, "timestamp": "2025-09-04T18:42:09.731022", "source": "redpanda"}
            """;

        var message = StreamMessageParser.Parse(data);

        Assert.Equal(StreamMessage.PredictionType, message.Type);
        Assert.Null(message.Price);
        var forecast = Assert.IsType<CryptoViz.Contracts.Messaging.Prediction>(message.Prediction);
        Assert.Equal(("naive", 15, 98d, 102d), (forecast.Model, forecast.HorizonMinutes, forecast.Lower, forecast.Upper));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""["crypto_update"]""")]
    [InlineData("""{"data": {}}""")]
    [InlineData("""{"type": 3}""")]
    [InlineData("""{"type": "crypto_update"}""")]
    [InlineData("""{"type": "crypto_update", "data": {"name": "Bitcoin", "symbol": "BTC", "price": 1}}""")]
    [InlineData("""{"type": "prediction", "data": {"symbol": "BTC"}}""")]
    [InlineData("""{"type": "prediction", "data": {"kind": "forecast", "symbol": "BTC", "source": "replay", "timestamp": "2025-09-04T18:42:00Z", "price": 100, "horizon_min": 15, "target_time": "2025-09-04T18:57:00Z", "central": 101, "lower": 103, "upper": 104}}""")]
    [InlineData("""{"type": "prediction", "data": {"kind": "anomaly", "symbol": "BTC", "source": "replay", "timestamp": "2025-09-04T18:42:00Z", "price": 100}}""")]
    [InlineData("""{"type": "crypto_update", "data": {"name": "Bitcoin", "symbol": "BTC", "price": "1", "market_cap": 1, "source": "s", "timestamp": "2025-09-04 18:42:05", "ingestion_timestamp": "2025-09-04T18:42:09", "producer_id": "p"}}""")]
    public void Unreadable_events_throw_JsonException(string data) =>
        Assert.ThrowsAny<JsonException>(() => StreamMessageParser.Parse(data));
}
