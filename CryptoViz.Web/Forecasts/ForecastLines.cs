using CryptoViz.Web.Components.Charts;

namespace CryptoViz.Web.Forecasts;

/// <summary>What the candle chart draws for a forecast: the central path and the 90 % band's edges, on the bar grid.</summary>
public sealed record ForecastLines(IReadOnlyList<LinePoint> Central, IReadOnlyList<LinePoint> Lower, IReadOnlyList<LinePoint> Upper)
{
    public static readonly ForecastLines None = new([], [], []);
}
