namespace CryptoViz.Web.Forecasts;

/// <summary>A flag over one bar of the candle chart (<see cref="Time"/>: the bar's start, Unix s); camelCase JSON for the chart module.</summary>
public sealed record ChartMarker(long Time, string Text);
