using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Scraper.Sources.CoinGecko;

/// <summary>Configuration section <c>Scraper:CoinGecko</c>: the live listing's settings and the history's pace.</summary>
public sealed class CoinGeckoOptions : PriceProviderOptions
{
    /// <summary>
    /// The least time between two history calls (<c>market_chart/range</c>). The keyless API allows a few calls a minute
    /// and the live listing spends one of them every <see cref="PriceProviderOptions.Interval"/>: at the default 20 s the
    /// two make four a minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan HistoryInterval { get; set; } = TimeSpan.FromSeconds(20);
}
