namespace CryptoViz.Contracts.Klines;

/// <summary>The kline file layouts <see cref="KlineFile"/> reads (docs/data-sources.md#kline-layouts).</summary>
public enum KlineFormat
{
    /// <summary>data.binance.vision dump: 12 columns, optional header, epoch ms or µs open time.</summary>
    BinanceCsv,

    /// <summary><c>freqtrade download-data</c>: one JSON array of <c>[ms, o, h, l, c, v]</c>.</summary>
    FreqtradeJson,

    /// <summary>Bybit v5 kline export: header <c>timestamp,open,high,low,close,volume</c>, ISO time.</summary>
    BybitCsv,
}
