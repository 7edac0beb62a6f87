namespace CryptoViz.Web.Components.Charts;

/// <summary>One line of a <see cref="LineChart"/>; camelCase JSON gives the shape the chart module reads.</summary>
/// <param name="Precision">Decimals on the price scale: sub-dollar coins need more than two.</param>
public sealed record LineSeries(string Name, string Color, int Precision, IReadOnlyList<LinePoint> Points);
