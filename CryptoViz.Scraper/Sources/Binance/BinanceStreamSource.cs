using Microsoft.Extensions.Options;

namespace CryptoViz.Scraper.Sources.Binance;

/// <summary>Binance's public ticker and kline streams as the supervisor sees them; <see cref="BinanceStreamWorker"/> runs them.</summary>
public sealed class BinanceStreamSource(IOptions<ScraperOptions> options) : IMarketSource
{
    public string Name => BinanceTickerParser.SourceName;

    public BinanceStreamOptions Settings => options.Value.Binance;

    public string? DisabledReason => Settings.Enabled ? null : "disabled in configuration";

    /// <summary>Binance pushes every followed ticker once a second.</summary>
    public TimeSpan ExpectedInterval => TimeSpan.FromSeconds(1);

    /// <summary>The combined-stream endpoint: every frame names its stream, and SUBSCRIBE can add streams to it.</summary>
    public Uri Endpoint => new(Settings.BaseUrl!, "stream");

    /// <summary>
    /// Per pair, e.g. <c>btcusdt@ticker</c> (price, 24 h change and volume, every second) and <c>btcusdt@kline_1m</c> (the
    /// current minute's running volume, every 2 s), the only stream that says what traded between two quotes.
    /// </summary>
    public IReadOnlyList<string> Streams =>
        [.. Settings.SymbolList.Select(s => $"{s}{Settings.QuoteAsset}".ToLowerInvariant()).SelectMany(pair => new[] { $"{pair}@ticker", $"{pair}@kline_1m" })];
}
