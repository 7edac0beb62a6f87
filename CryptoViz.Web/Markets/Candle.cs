namespace CryptoViz.Web.Markets;

/// <summary>
/// One OHLCV bar. Blazor's camelCase JSON turns it into lightweight-charts' <c>CandlestickData</c> (<see cref="Time"/> in
/// Unix seconds, UTC) plus the <c>volume</c> the chart draws as a histogram; <see cref="Volume"/> is in base-asset units.
/// </summary>
public sealed record Candle(long Time, double Open, double High, double Low, double Close, double Volume)
{
    /// <summary>The bar after a tick at <paramref name="price"/> that traded <paramref name="volume"/>.</summary>
    public Candle With(double price, double volume) =>
        this with { High = Math.Max(High, price), Low = Math.Min(Low, price), Close = price, Volume = Volume + volume };
}
