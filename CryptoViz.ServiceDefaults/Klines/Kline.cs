namespace CryptoViz.ServiceDefaults.Klines;

/// <summary>One OHLCV bar as the exchange recorded it; <see cref="OpenTime"/> is UTC.</summary>
/// <remarks>A value type: a replay or a backtest holds hundreds of thousands of these.</remarks>
public readonly record struct Kline(
    DateTimeOffset OpenTime,
    double Open,
    double High,
    double Low,
    double Close,
    double Volume);
