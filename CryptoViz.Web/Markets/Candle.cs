namespace CryptoViz.Web.Markets;

/// <summary>
/// One OHLC bar. Blazor's camelCase JSON turns it into lightweight-charts' <c>CandlestickData</c>
/// (<see cref="Time"/> in Unix seconds, UTC).
/// </summary>
public sealed record Candle(long Time, double Open, double High, double Low, double Close)
{
    public Candle With(double price) => this with { High = Math.Max(High, price), Low = Math.Min(Low, price), Close = price };
}
