using System.ComponentModel.DataAnnotations;
using CryptoViz.Scraper.Sources.Simulated;

namespace CryptoViz.Scraper.Sources.Binance;

/// <summary>
/// Configuration section <c>Scraper:Binance</c>: Binance's public WebSocket ticker streams, and its public REST klines for
/// the history of the same pairs (no key for either).
/// </summary>
public sealed class BinanceStreamOptions : IValidatableObject
{
    public bool Enabled { get; set; } = true;

    /// <summary>The market-data WebSocket root; <c>stream</c> (the combined-stream endpoint) is appended.</summary>
    [Required]
    public Uri? BaseUrl { get; set; } = new("wss://data-stream.binance.vision/");

    /// <summary>
    /// Base assets to follow, comma-separated (one setting, so an environment variable can replace the whole list);
    /// each is subscribed as <c>&lt;base&gt;&lt;quote&gt;@ticker</c> and <c>&lt;base&gt;&lt;quote&gt;@kline_1m</c>. The default is
    /// the simulated market's twenty coins.
    /// </summary>
    public string Symbols { get; set; } = string.Join(',', SimulatedCoin.Defaults.Select(c => c.Symbol));

    public IReadOnlyList<string> SymbolList =>
        Symbols.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The quote asset whose pairs stand for the USD price (USDT tracks the dollar within a fraction of a percent).</summary>
    [Required]
    [RegularExpression("^[A-Z0-9]{2,10}$", ErrorMessage = "QuoteAsset must be 2-10 upper-case letters or digits")]
    public string QuoteAsset { get; set; } = "USDT";

    /// <summary>The REST root of the history's <c>api/v3/klines</c> calls: Binance's public market-data host.</summary>
    [Required]
    public Uri? RestBaseUrl { get; set; } = new("https://data-api.binance.vision/");

    /// <summary>
    /// The request weight a minute the history may spend of the 6,000 Binance allows an IP (a page of 1,000 klines costs 2).
    /// The rest is left to whatever else calls Binance from the same address.
    /// </summary>
    [Range(2, 6000)]
    public int RestWeightBudget { get; set; } = 3000;

    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>No frame for this long (tickers come every second) means a dead connection: reconnect.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")]
    public TimeSpan SilenceTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait before a reconnect; it doubles per failed attempt (with jitter) up to <see cref="MaxReconnectDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MinReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(60);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is { IsAbsoluteUri: false } || BaseUrl is { Scheme: not ("ws" or "wss") })
        {
            yield return new ValidationResult("BaseUrl must be an absolute ws or wss URL", [nameof(BaseUrl)]);
        }

        if (RestBaseUrl is { IsAbsoluteUri: false } || RestBaseUrl is { Scheme: not ("http" or "https") })
        {
            yield return new ValidationResult("RestBaseUrl must be an absolute http or https URL", [nameof(RestBaseUrl)]);
        }

        if (Enabled && SymbolList.Count == 0)
        {
            yield return new ValidationResult("Symbols must list at least one base asset while Binance is enabled", [nameof(Symbols)]);
        }

        if (SymbolList.FirstOrDefault(s => s.Length is 0 or > 20 || !s.All(char.IsAsciiLetterOrDigit)) is { } bad)
        {
            yield return new ValidationResult($"Symbols: '{bad}' is not a base asset (1-20 letters or digits)", [nameof(Symbols)]);
        }

        if (MaxReconnectDelay < MinReconnectDelay)
        {
            yield return new ValidationResult("MaxReconnectDelay must not be below MinReconnectDelay", [nameof(MaxReconnectDelay)]);
        }
    }
}
