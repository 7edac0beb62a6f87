using System.Text;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Tests.Contracts;

public sealed class CryptoPriceValidatorTests
{
    private static readonly DateTime s_now = new(2025, 9, 4, 18, 43, 0, DateTimeKind.Utc);

    private static string Record(string price = "100.5", string symbol = "\"BTC\"", string timestamp = "2025-09-04 18:42:07") =>
        $$"""{"name":"Bitcoin","symbol":{{symbol}},"price":{{price}},"percent_change_24h":1,"market_cap":1,"source":"coingecko","timestamp":"{{timestamp}}","ingestion_timestamp":"2025-09-04T18:42:09","producer_id":"p","schema_version":"2.0"}""";

    [Theory]
    [InlineData("0", "price must be a positive finite number")]
    [InlineData("-3", "price must be a positive finite number")]
    [InlineData("\"NaN\"", "invalid JSON")]
    [InlineData("1e400", "price must be a positive finite number")]
    public void Rejects_prices_that_are_not_positive_finite_numbers(string price, string expectedReason)
    {
        Assert.False(CryptoPriceValidator.TryParse(Encoding.UTF8.GetBytes(Record(price: price)), s_now, out _, out var reason));
        Assert.StartsWith(expectedReason, reason);
    }

    [Theory]
    [InlineData("CoinGecko", "source must be 1-40 of a-z, 0-9, '_' or '-'")]
    [InlineData("coin gecko", "source must be 1-40 of a-z, 0-9, '_' or '-'")]
    [InlineData("<script>", "source must be 1-40 of a-z, 0-9, '_' or '-'")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "source must be 1-40 of a-z, 0-9, '_' or '-'")]
    [InlineData("coin-gecko_2", null)]
    public void Sources_are_short_identifiers(string source, string? expected)
    {
        var price = CryptoPriceJson.Read(Encoding.UTF8.GetBytes(Record()))! with { Source = source };

        Assert.Equal(expected, CryptoPriceValidator.Validate(price, s_now));
    }

    [Fact]
    public void Names_are_bounded()
    {
        var price = CryptoPriceJson.Read(Encoding.UTF8.GetBytes(Record()))!;

        Assert.Null(CryptoPriceValidator.Validate(price with { Name = new string('n', 100) }, s_now));
        Assert.Equal("name must be at most 100 characters", CryptoPriceValidator.Validate(price with { Name = new string('n', 101) }, s_now));
    }

    [Fact]
    public void Rejects_a_missing_field_instead_of_defaulting_it_to_zero()
    {
        var json = """{"name":"Bitcoin","symbol":"BTC","market_cap":1,"source":"coingecko","timestamp":"2025-09-04 18:42:07","ingestion_timestamp":"2025-09-04T18:42:09","producer_id":"p"}""";

        Assert.False(CryptoPriceValidator.TryParse(Encoding.UTF8.GetBytes(json), s_now, out _, out var reason));
        Assert.Contains("price", reason);
    }

    [Theory]
    [InlineData("\"\"", "missing symbol")]
    [InlineData("\"btc\"", "symbol must be")]
    [InlineData("\"<b>BTC</b>\"", "symbol must be")]
    public void Rejects_bad_symbols(string symbol, string expectedReason)
    {
        Assert.False(CryptoPriceValidator.TryParse(Encoding.UTF8.GetBytes(Record(symbol: symbol)), s_now, out _, out var reason));
        Assert.StartsWith(expectedReason, reason);
    }

    [Fact]
    public void Rejects_timestamps_far_in_the_future()
    {
        Assert.False(CryptoPriceValidator.TryParse(Encoding.UTF8.GetBytes(Record(timestamp: "2025-09-04 19:42:07")), s_now, out _, out var reason));
        Assert.Equal("timestamp is in the future", reason);
    }

    [Theory]
    [InlineData("2025-08-28 18:43:00", null)]
    [InlineData("2025-08-28 18:42:59", "timestamp is older than the retention window: before 2025-08-28T18:43:00Z")]
    public void Rejects_a_timestamp_older_than_the_oldest_the_consumer_keeps_with_the_cut_off(string timestamp, string? expectedReason)
    {
        var oldest = s_now.AddDays(-7);

        Assert.Equal(expectedReason is null, CryptoPriceValidator.TryParse(Encoding.UTF8.GetBytes(Record(timestamp: timestamp)), s_now, oldest, out _, out var reason));
        Assert.Equal(expectedReason, reason);
    }

    [Theory]
    [InlineData("2025-09-04T18:42:07.250", null)]
    [InlineData("2025-09-04T18:42:07", null)]
    [InlineData("2025-09-04T18:42:08", "event_time must fall within the second of timestamp")]
    [InlineData("2025-09-04T18:42:06.999", "event_time must fall within the second of timestamp")]
    public void Takes_an_event_time_only_within_the_second_of_its_timestamp(string eventTime, string? expectedReason)
    {
        var json = Record().Replace("}", $",\"event_time\":\"{eventTime}\"}}", StringComparison.Ordinal);

        Assert.Equal(expectedReason is null, CryptoPriceValidator.TryParse(Encoding.UTF8.GetBytes(json), s_now, out var price, out var reason));
        Assert.Equal(expectedReason, reason);
        if (expectedReason is null) Assert.Equal(DateTime.Parse(eventTime, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), price!.EventTime);
    }

    [Theory]
    [InlineData("volume", "-0.5")]
    [InlineData("volume", "1e400")]
    [InlineData("quote_volume", "-1")]
    [InlineData("quote_volume", "-1e400")]
    [InlineData("volume_24h", "-2.1e10")]
    [InlineData("volume_24h", "1e999")]
    public void Rejects_a_negative_or_non_finite_volume_with_its_field(string field, string value)
    {
        var json = Record().Replace("}", $",\"{field}\":{value}}}", StringComparison.Ordinal);

        Assert.False(CryptoPriceValidator.TryParse(Encoding.UTF8.GetBytes(json), s_now, out _, out var reason));
        Assert.Equal($"{field} must be a non-negative finite number", reason);
    }

    [Fact]
    public void Accepts_volumes_of_zero_and_null_ones()
    {
        var json = Record().Replace("}", ",\"volume\":0,\"quote_volume\":null,\"volume_24h\":2.1e10}", StringComparison.Ordinal);

        Assert.True(CryptoPriceValidator.TryParse(Encoding.UTF8.GetBytes(json), s_now, out var price, out var reason), reason);
        Assert.Equal((0d, null, 2.1e10), (price!.Volume, price.QuoteVolume, price.Volume24h));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    public void Rejects_payloads_that_are_not_a_record(string payload)
    {
        Assert.False(CryptoPriceValidator.TryParse(Encoding.UTF8.GetBytes(payload), s_now, out var price, out var reason));
        Assert.Null(price);
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void Accepts_a_valid_record()
    {
        Assert.True(CryptoPriceValidator.TryParse(Encoding.UTF8.GetBytes(Record()), s_now, out var price, out var reason), reason);
        Assert.Equal(100.5, price!.Price);
    }
}
