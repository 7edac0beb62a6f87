namespace CryptoViz.Web.Pipeline;

/// <summary>V2's per-source state (docs/v2-contract.md#monitoring-thresholds): by the age of the source's newest stored price.</summary>
public enum SourceActivity
{
    Active,
    Slow,
    Inactive,
}
