namespace CryptoViz.Web.Pipeline;

/// <summary>V2's per-source state (seed contract §7.2): by the age of the source's newest stored price.</summary>
public enum SourceActivity
{
    Active,
    Slow,
    Inactive,
}
