using System.Text;
using System.Text.Json;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Tests.Contracts;

/// <summary>A history page is stored whole or rejected whole, with the reason Ingest dead-letters it with.</summary>
public sealed class CandleBatchValidatorTests
{
    private static readonly DateTime s_now = new(2025, 9, 4, 18, 43, 20, DateTimeKind.Utc);
    private static readonly DateTime s_from = new(2025, 9, 4, 12, 0, 0, DateTimeKind.Utc);

    private static readonly CandleBatch s_page = new()
    {
        Symbol = "BTC", Name = "Bitcoin", Source = "binance", From = s_from, To = s_from.AddMinutes(3),
        Candles =
        [
            new HistoryCandle { Time = s_from, Open = 100, High = 103, Low = 99, Close = 102, Volume = 1.5, QuoteVolume = 150 },
            new HistoryCandle { Time = s_from.AddMinutes(2), Open = 102, High = 102, Low = 102, Close = 102 },
        ],
        ProducerId = "p", IngestionTimestamp = s_now,
    };

    [Fact]
    public void Accepts_a_page_with_holes_and_a_point_price_and_reads_back_what_was_written()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(s_page, CryptoVizJsonContext.Default.CandleBatch);

        Assert.True(CandleBatchValidator.TryParse(json, s_now, out var page, out var reason), reason);
        Assert.Equal(s_page.Candles, page!.Candles);
        Assert.Equal((s_page.From, s_page.To, DateTimeKind.Utc), (page.From, page.To, page.From.Kind));
    }

    public static TheoryData<string, CandleBatch> BadPages => new()
    {
        { "symbol must be 1-20 upper-case letters or digits", s_page with { Symbol = "btc" } },
        { "source must be 1-32 characters", s_page with { Source = new string('s', 33) } },
        { "name must be 1-100 characters", s_page with { Name = "" } },
        { "from and to must be UTC times on a minute", s_page with { From = s_from.AddSeconds(30) } },
        { "from must come before to", s_page with { To = s_from } },
        { "to is in the future", s_page with { To = s_now.AddMinutes(10).AddSeconds(-20) } },
        { "every candle's time must be a minute within [from, to)", s_page with { Candles = [s_page.Candles[0] with { Time = s_from.AddMinutes(3) }] } },
        { "candles must be in time order, one per minute", s_page with { Candles = [s_page.Candles[1], s_page.Candles[0]] } },
        { "candle prices must be positive finite numbers", s_page with { Candles = [s_page.Candles[0] with { Low = 0 }] } },
        { "a candle's low and high must bound its open and close", s_page with { Candles = [s_page.Candles[0] with { High = 101 }] } },
        { "candle volumes must be non-negative finite numbers", s_page with { Candles = [s_page.Candles[0] with { Volume = double.PositiveInfinity }] } },
        { "a page holds at most 1000 candles", s_page with
            {
                From = s_from.AddDays(-1),
                To = s_from.AddDays(-1).AddMinutes(1001),
                Candles = [.. Enumerable.Range(0, 1001).Select(i => s_page.Candles[0] with { Time = s_from.AddDays(-1).AddMinutes(i) })],
            }
        },
    };

    [Theory]
    [MemberData(nameof(BadPages))]
    public void Rejects_a_page_with_the_reason(string expected, CandleBatch page) =>
        Assert.Equal(expected, CandleBatchValidator.Validate(page, s_now));

    [Theory]
    [InlineData("", "empty payload")]
    [InlineData("{\"symbol\":\"BTC\"}", "invalid JSON")]
    [InlineData("[1,2]", "invalid JSON")]
    public void Rejects_what_is_not_a_page(string json, string expected)
    {
        Assert.False(CandleBatchValidator.TryParse(Encoding.UTF8.GetBytes(json), s_now, out _, out var reason));
        Assert.StartsWith(expected, reason);
    }
}
