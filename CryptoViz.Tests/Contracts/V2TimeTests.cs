using System.Text;
using CryptoViz.Contracts.Messaging;
using FsCheck;
using FsCheck.Fluent;

namespace CryptoViz.Tests.Contracts;

/// <summary>The digit-by-digit reader and writers of V2's time shapes agree with the general parser and .NET's formats.</summary>
public sealed class V2TimeTests
{
    private static readonly Gen<DateTime> s_times =
        Gen.Choose(0, int.MaxValue).Two().Select(t => new DateTime(
            (long)((double)t.Item1 / int.MaxValue * (DateTime.MaxValue.Ticks - 1)) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond
            + t.Item2 % TimeSpan.TicksPerSecond, DateTimeKind.Utc));

    [Fact]
    public void Any_time_writes_as_the_custom_formats_would_and_reads_back()
    {
        Prop.ForAll(s_times.ToArbitrary(), time =>
        {
            var scrape = V2Time.FormatScrape(time);
            var iso = V2Time.FormatIso(time);
            var expectedIso = time.ToString(time.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-ddTHH:mm:ss" : "yyyy-MM-ddTHH:mm:ss.ffffff",
                System.Globalization.CultureInfo.InvariantCulture);
            return scrape == time.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
                && iso == expectedIso
                && V2Time.TryParseExact(Encoding.ASCII.GetBytes(scrape), out var fromScrape) && fromScrape == time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond))
                && V2Time.TryParseExact(Encoding.ASCII.GetBytes(iso), out var fromIso) && fromIso == V2Time.TruncateToMicroseconds(time)
                && fromIso.Kind == DateTimeKind.Utc;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2_000));
    }

    [Fact]
    public void Whatever_the_exact_reader_accepts_the_general_parser_reads_the_same()
    {
        var digitsAndSeparators = Gen.Elements("0123456789 -:T.Z+".ToCharArray()).ArrayOf().Select(c => new string(c));
        var mutated = s_times.Zip(Gen.Choose(0, 25).Zip(Gen.Elements('0', '9', '3', ' ', ':', '-', 'x', '.')))
            .Select(t =>
            {
                var text = V2Time.FormatIso(t.Item1);
                var at = Math.Min(t.Item2.Item1, text.Length - 1);
                return text[..at] + t.Item2.Item2 + text[(at + 1)..];
            });

        Prop.ForAll(Gen.OneOf(digitsAndSeparators, mutated).ToArbitrary(), text =>
            !V2Time.TryParseExact(Encoding.ASCII.GetBytes(text), out var exact)
            || (V2Time.TryParse(text, out var general) && general == exact))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3_000));
    }

    [Theory]
    [InlineData("2025-09-04 18:42:07")]
    [InlineData("2025-09-04T18:42:09.513842")]
    [InlineData("2024-02-29T23:59:59.1")]
    public void Reads_V2_shapes_exactly(string text)
    {
        Assert.True(V2Time.TryParseExact(Encoding.ASCII.GetBytes(text), out var exact));
        Assert.True(V2Time.TryParse(text, out var general));
        Assert.Equal(general, exact);
    }

    [Theory]
    [InlineData("2025-09-04T20:42:07+02:00")]
    [InlineData("2025-09-04T18:42:07Z")]
    [InlineData("2025-02-29 18:42:07")]
    [InlineData("2025-09-04 24:00:00")]
    [InlineData("2025-09-04 18:42:07.")]
    [InlineData("2025-09-04 18:42:07.12345678")]
    [InlineData("0000-01-01 00:00:00")]
    public void Leaves_other_shapes_and_impossible_times_to_the_general_parser(string text)
    {
        Assert.False(V2Time.TryParseExact(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void A_record_with_a_zoned_time_still_parses_through_the_general_path()
    {
        var json = """{"name":"Bitcoin","symbol":"BTC","price":1,"market_cap":1,"source":"coingecko","timestamp":"2025-09-04T20:42:07+02:00","ingestion_timestamp":"2025-09-04T18:42:09","producer_id":"p"}""";

        Assert.True(CryptoPriceValidator.TryParse(Encoding.UTF8.GetBytes(json), new DateTime(2025, 9, 5, 0, 0, 0, DateTimeKind.Utc), out var price, out var reason), reason);
        Assert.Equal(new DateTime(2025, 9, 4, 18, 42, 7, DateTimeKind.Utc), price!.Timestamp);
    }
}
