namespace CryptoViz.Scraper;

/// <summary>Whether an offline source runs always, never, or only as the fallback.</summary>
public enum SourceMode
{
    Auto,
    On,
    Off,
}
