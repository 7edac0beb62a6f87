using System.Text;
using System.Text.Json;
using CryptoViz.Contracts.Messaging;
using FsCheck;
using FsCheck.Fluent;

namespace CryptoViz.Tests.Contracts;

/// <summary>The hand-written record reader agrees with System.Text.Json's generated contract, on any input.</summary>
public sealed class CryptoPriceJsonTests
{
    private static readonly Gen<string> s_text = Gen.OneOf(
        Gen.Elements("Bitcoin", "BTC", "coingecko", "", " ", "Ünïcødé ₿", "<script>", "a\"b\\c", "line\nbreak", "\u0001", "😀"),
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null));

    private static readonly Gen<double> s_number = Gen.OneOf(
        Gen.Elements(0.0, -0.0, 1e-300, 5e-324, 1e308, double.MaxValue, 67_234.125, 0.1, -1.8342),
        ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite));

    private static readonly Gen<double?> s_optionalNumber = Gen.OneOf(Gen.Constant<double?>(null), s_number.Select(d => (double?)d));

    private static readonly Gen<DateTime> s_time = Gen.Choose(0, int.MaxValue).Two()
        .Select(t => new DateTime(630_000_000_000_000_000L + (long)t.Item1 * 1_000_000_000L + t.Item2 % 10_000_000, DateTimeKind.Utc));

    private static readonly Gen<CryptoPrice> s_prices =
        from name in s_text
        from symbol in s_text
        from price in s_number
        from change in s_optionalNumber
        from cap in s_number
        from source in s_text
        from times in s_time.Three()
        from producer in s_text
        from original in Gen.Elements(true, false)
        from version in Gen.Elements("2.0", "1.0", "")
        from volumes in s_optionalNumber.Three()
        select new CryptoPrice
        {
            Name = name, Symbol = symbol, Price = price, PercentChange24h = change, MarketCap = cap, Source = source,
            Timestamp = times.Item1, IngestionTimestamp = times.Item2, ProducerId = producer,
            OriginalTimestamp = original ? times.Item3 : null, SchemaVersion = version,
            Volume = volumes.Item1, QuoteVolume = volumes.Item2, Volume24h = volumes.Item3,
        };

    [Fact]
    public void Any_record_the_serializer_writes_reads_back_as_the_serializer_reads_it()
    {
        Prop.ForAll(s_prices.ToArbitrary(), price =>
        {
            var theirs = JsonSerializer.SerializeToUtf8Bytes(price, CryptoVizJsonContext.Default.CryptoPrice);
            return Outcome(() => CryptoPriceJson.Read(theirs)) == Outcome(() => JsonSerializer.Deserialize(theirs, CryptoVizJsonContext.Default.CryptoPrice));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1_000));
    }

    [Fact]
    public void Any_payload_reads_as_the_serializer_reads_it_or_fails_as_it_fails()
    {
        var record = Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(new CryptoPrice
        {
            Name = "Bitcoin", Symbol = "BTC", Price = 67_234.125, PercentChange24h = -1.8, MarketCap = 1.3e12, Source = "coingecko",
            Timestamp = new DateTime(2025, 9, 4, 18, 42, 7, DateTimeKind.Utc), IngestionTimestamp = new DateTime(2025, 9, 4, 18, 42, 9, DateTimeKind.Utc),
            ProducerId = "p", OriginalTimestamp = new DateTime(2021, 4, 13, 0, 0, 0, DateTimeKind.Utc),
            Volume = 0.125, QuoteVolume = 8_404.27, Volume24h = 2.1e10,
        }, CryptoVizJsonContext.Default.CryptoPrice));
        var spliced = Gen.Choose(0, record.Length).Two()
            .Select(t => record[..Math.Min(t.Item1, t.Item2)] + record[Math.Max(t.Item1, t.Item2)..]);
        var replaced = Gen.Choose(0, record.Length - 1).Zip(Gen.Elements("", ",", "null", "1", "\"x\"", "{", "}", "[", "]", "\"", "1e999",
                "true", "\"2025-09-04T18:42:07Z\"", "{\"a\":[1,{}]}", "\"extra\":1,", "\\u0041", "\u00ff"))
            .Select(t => record[..t.Item1] + t.Item2 + record[(t.Item1 + 1)..]);
        var extraField = Gen.Elements("\"extra\":{\"deep\":[1,2,{\"x\":null}]},", "\"price\":1,", "\"schema_version\":null,", "\"percent_change_24h\":null,",
                "\"volume\":null,", "\"volume\":\"1\",", "\"quote_volume\":[],", "\"volume_24h\":1e999,", "\"volume_24h\":-0.0,")
            .Select(field => record.Insert(1, field));
        var bytes = Gen.OneOf(spliced, replaced, extraField, ArbMap.Default.GeneratorFor<string>().Where(s => s is not null))
            .Select(Encoding.UTF8.GetBytes);
        var invalidUtf8 = Gen.Choose(1, record.Length - 2).Select(at =>
        {
            var b = Encoding.UTF8.GetBytes(record);
            b[at] = 0xC3;
            return b;
        });

        Prop.ForAll(Gen.OneOf(bytes, invalidUtf8).ToArbitrary(), payload =>
            {
                var ours = Outcome(() => CryptoPriceJson.Read(payload));
                var theirs = Outcome(() => JsonSerializer.Deserialize(payload, CryptoVizJsonContext.Default.CryptoPrice));
                return ours == theirs ? true : throw new Xunit.Sdk.XunitException($"{Encoding.UTF8.GetString(payload)}: ours {ours}, serializer {theirs}");
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3_000));
    }

    [Fact]
    public void Volume_fields_read_back_as_written_and_are_absent_when_unknown()
    {
        var price = CryptoPriceJson.Read(Record("BTC"))! with { Volume = 0.5, QuoteVolume = 33_617.06, Volume24h = 2.1e10 };

        var read = CryptoPriceJson.Read(JsonSerializer.SerializeToUtf8Bytes(price, CryptoVizJsonContext.Default.CryptoPrice))!;
        var unknown = CryptoPriceJson.Read(Record("BTC"))!;

        Assert.Equal((0.5, 33_617.06, 2.1e10), (read.Volume, read.QuoteVolume, read.Volume24h));
        Assert.Equal((null, null, null), (unknown.Volume, unknown.QuoteVolume, unknown.Volume24h));
    }

    [Theory]
    [InlineData("volume")]
    [InlineData("quote_volume")]
    [InlineData("volume_24h")]
    public void A_volume_of_the_wrong_type_is_named_in_the_error(string field)
    {
        var json = Encoding.UTF8.GetString(Record("BTC")).Replace("}", $",\"{field}\":\"12.5\"}}", StringComparison.Ordinal);

        var ex = Assert.Throws<JsonException>(() => CryptoPriceJson.Read(Encoding.UTF8.GetBytes(json)));
        Assert.StartsWith($"{field} must be a number or null", ex.Message);
    }

    [Fact]
    public void A_missing_field_is_named_in_the_error()
    {
        var ex = Assert.Throws<JsonException>(() => CryptoPriceJson.Read("""{"name":"Bitcoin","symbol":"BTC","market_cap":1,"source":"s","timestamp":"2025-09-04 18:42:07","ingestion_timestamp":"2025-09-04T18:42:09","producer_id":"p"}"""u8));
        Assert.Contains("'price'", ex.Message);
    }

    [Fact]
    public void A_record_without_schema_version_gets_the_declared_default()
    {
        var price = CryptoPriceJson.Read("""{"name":"Bitcoin","symbol":"BTC","price":1,"market_cap":1,"source":"s","timestamp":"2025-09-04 18:42:07","ingestion_timestamp":"2025-09-04T18:42:09","producer_id":"p"}"""u8);

        Assert.Equal(CryptoPrice.CurrentSchemaVersion, price!.SchemaVersion);
    }

    [Fact]
    public void Records_read_one_after_another_share_their_repeated_strings()
    {
        var first = CryptoPriceJson.Read(Record("BTC"))!;
        var second = CryptoPriceJson.Read(Record("BTC"))!;

        Assert.Same(first.Symbol, second.Symbol);
        Assert.Same(first.Name, second.Name);
        Assert.Same(first.Source, second.Source);
        Assert.Same(first.ProducerId, second.ProducerId);
    }

    [Fact]
    public void Escaped_and_plain_spellings_of_a_value_read_as_the_same_text()
    {
        var plain = CryptoPriceJson.Read(Record("BTC"))!;
        var escaped = CryptoPriceJson.Read(Record("B\\u0054C"))!;

        Assert.Equal("BTC", escaped.Symbol);
        Assert.Equal(plain.Symbol, escaped.Symbol);
    }

    [Fact]
    public void More_distinct_values_than_the_shared_table_holds_each_read_as_themselves()
    {
        var symbols = Enumerable.Range(0, 40_000).Select(i => $"C{i}").ToList();

        var read = symbols.Concat(symbols).Select(symbol => CryptoPriceJson.Read(Record(symbol))!.Symbol).ToList();

        Assert.Equal(symbols.Concat(symbols), read);
    }

    private static byte[] Record(string symbol) => Encoding.UTF8.GetBytes(
        $$"""{"name":"Bitcoin","symbol":"{{symbol}}","price":1,"market_cap":1,"source":"coingecko","timestamp":"2025-09-04 18:42:07","ingestion_timestamp":"2025-09-04T18:42:09","producer_id":"p"}""");

    /// <summary>
    /// The record read, or that it failed with a JsonException; any other exception fails the property. The serializer's
    /// constructor path leaves a missing schema_version null instead of the declared default: the one difference allowed.
    /// </summary>
    private static (bool Ok, CryptoPrice? Price) Outcome(Func<CryptoPrice?> read)
    {
        try
        {
            return read() is { } price ? (true, price with { SchemaVersion = price.SchemaVersion ?? CryptoPrice.CurrentSchemaVersion }) : (true, null);
        }
        catch (JsonException)
        {
            return (false, null);
        }
    }
}
