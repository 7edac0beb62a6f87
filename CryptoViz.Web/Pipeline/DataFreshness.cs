namespace CryptoViz.Web.Pipeline;

/// <summary>V2's freshness colours (docs/v2-contract.md#monitoring-thresholds): green, amber, red.</summary>
public enum DataFreshness
{
    Fresh,
    Stale,
    Old,
}
