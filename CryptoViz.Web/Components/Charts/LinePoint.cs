namespace CryptoViz.Web.Components.Charts;

/// <summary>lightweight-charts' <c>LineData</c>: <see cref="Time"/> in Unix seconds (UTC), ascending and unique per series.</summary>
public sealed record LinePoint(long Time, double Value);
