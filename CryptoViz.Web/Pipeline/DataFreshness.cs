namespace CryptoViz.Web.Pipeline;

/// <summary>V2's freshness colours (seed contract §7.1): green, amber, red.</summary>
public enum DataFreshness
{
    Fresh,
    Stale,
    Old,
}
