using System.Globalization;
using System.Text.Json;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Scraper.Sources.Binance;

/// <summary>
/// One row of <c>GET /api/v3/klines</c>: <c>[open time (Unix ms), open, high, low, close, volume, close time, quote volume,
/// trades, taker buy volume, taker buy quote volume, ignore]</c>, prices and volumes as decimal strings. The candle keeps
/// the open time, the four prices, the base volume (column 5) and the quote volume (column 7).
/// </summary>
internal static class BinanceKline
{
    /// <returns>The candle, or null and why the row is rejected.</returns>
    public static (HistoryCandle? Candle, string? Reason) Read(JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() < 8) return (null, "not a kline row");
        if (!row[0].TryGetInt64(out var openMs) || openMs is < 0 or > 253_402_300_799_999) return (null, "missing or out-of-range open time");
        if (openMs % 60_000 != 0) return (null, "open time not on a minute");
        if (Price(row[1]) is not { } open || Price(row[2]) is not { } high || Price(row[3]) is not { } low || Price(row[4]) is not { } close)
        {
            return (null, "missing or non-positive price");
        }

        if (Amount(row[5]) is not { } volume || Amount(row[7]) is not { } quoteVolume) return (null, "missing or negative volume");

        return (new HistoryCandle
        {
            Time = DateTime.UnixEpoch.AddMilliseconds(openMs),
            Open = open,
            High = high,
            Low = low,
            Close = close,
            Volume = volume,
            QuoteVolume = quoteVolume,
        }, null);
    }

    private static double? Price(JsonElement value) => Decimal(value) is { } price && price > 0 ? price : null;

    private static double? Amount(JsonElement value) => Decimal(value) is { } amount && amount >= 0 ? amount : null;

    /// <summary>Binance sends decimals as strings to keep every digit.</summary>
    private static double? Decimal(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
        && double.IsFinite(number)
            ? number
            : null;
}
