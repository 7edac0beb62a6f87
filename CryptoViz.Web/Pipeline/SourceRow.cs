namespace CryptoViz.Web.Pipeline;

/// <summary>A line of the per-source table.</summary>
/// <param name="Records">Stored prices of the selected coins in the selected range; null when they could not be loaded.</param>
public sealed record SourceRow(string Source, int Coins, long? Records, DateTime? LastUpdate, SourceActivity Activity);
