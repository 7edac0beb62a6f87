namespace CryptoViz.ServiceDefaults.Klines;

/// <summary>
/// A data.binance.vision kline row: open_time, open, high, low, close, volume, close_time, quote_volume, count,
/// taker_buy_volume, taker_buy_quote_volume, ignore. The columns after volume are not kept.
/// </summary>
internal static class BinanceKlineCsv
{
    public const string HeaderStart = "open_time,";
    private const int Columns = 12;

    public static Kline ParseRow(ReadOnlySpan<char> line)
    {
        Span<Range> fields = stackalloc Range[Columns + 1];
        if (line.Split(fields, ',') != Columns)
        {
            throw new FormatException($"expected {Columns} comma-separated columns");
        }

        return KlineValues.Checked(new Kline(
            KlineTime.FromEpoch(KlineValues.ParseEpoch(line[fields[0]])),
            KlineValues.Parse(line[fields[1]], "open"),
            KlineValues.Parse(line[fields[2]], "high"),
            KlineValues.Parse(line[fields[3]], "low"),
            KlineValues.Parse(line[fields[4]], "close"),
            KlineValues.Parse(line[fields[5]], "volume")));
    }
}
