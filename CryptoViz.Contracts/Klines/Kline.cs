namespace CryptoViz.Contracts.Klines;

/// <summary>One OHLCV bar as the exchange recorded it; <see cref="OpenTime"/> is UTC.</summary>
/// <remarks>A value type: a replay or a backtest holds hundreds of thousands of these.</remarks>
/// <param name="Volume">Base-asset units traded in the bar.</param>
/// <param name="QuoteVolume">The same in the quote asset, where the file has it (Binance's dumps do; freqtrade and Bybit do not).</param>
public readonly record struct Kline(
    DateTimeOffset OpenTime,
    double Open,
    double High,
    double Low,
    double Close,
    double Volume,
    double? QuoteVolume = null);
