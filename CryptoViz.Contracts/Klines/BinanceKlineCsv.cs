namespace CryptoViz.Contracts.Klines;

/// <summary>
/// A data.binance.vision kline row: open_time, open, high, low, close, volume, close_time, quote_volume, count,
/// taker_buy_volume, taker_buy_quote_volume, ignore. Of the columns after volume, quote_volume is kept.
/// </summary>
internal static class BinanceKlineCsv
{
    public const string HeaderStart = "open_time,";
    private const int Columns = 12;

    public static Kline ParseRow(ReadOnlySpan<char> line)
    {
        Span<Range> fields = stackalloc Range[Columns + 1];
        KlineCsv.Split(line, fields, Columns);
        var bar = KlineValues.FromColumns(KlineTime.FromEpoch(KlineValues.ParseEpoch(line[fields[0]])), line, fields);
        return KlineValues.Checked(bar with { QuoteVolume = KlineValues.Parse(line[fields[7]], "quote_volume") });
    }
}
