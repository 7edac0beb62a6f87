using CryptoViz.Contracts.Klines;

namespace CryptoViz.Scraper.Sources.Replay;

/// <summary>
/// Every replayed coin on one timeline: the price of each at an offset from the earliest bar, the way a market
/// snapshot at that moment would have shown them, with the 24 h change against the history itself.
/// </summary>
public sealed class ReplayTape
{
    private static readonly string[] s_quoteAssets = ["USDT", "USDC", "BUSD", "USD"];
    private static readonly TimeSpan s_day = TimeSpan.FromDays(1);

    public ReplayTape(IReadOnlyList<ReplaySeries> series)
    {
        if (series.Count == 0) throw new ArgumentException("no series to replay", nameof(series));
        Series = series;
        Start = series.Min(s => s.Start);
        Length = series.Max(s => s.End) - Start;
    }

    public IReadOnlyList<ReplaySeries> Series { get; }

    /// <summary>The earliest bar's open time.</summary>
    public DateTimeOffset Start { get; }

    public TimeSpan Length { get; }

    /// <param name="step">Replayed time between ticks, which each tick's share of its bar's volume follows.</param>
    public IEnumerable<ReplayQuote> At(TimeSpan offset, TimeSpan step)
    {
        var time = Start + offset;
        foreach (var series in Series)
        {
            if (series.BarAt(time) is not { } bar) continue;
            var price = BarPath.PriceAt(bar, time);
            var change = series.PriceAt(time - s_day) is { } dayAgo ? (price - dayAgo) / dayAgo * 100 : (double?)null;
            var share = BarPath.VolumeShare(bar, time, step);
            var volume = bar.Volume * share;
            // The bar's own quote volume where the file has it; else the tick's volume at the tick's price.
            yield return new ReplayQuote(series.Symbol, price, change, time, volume, bar.QuoteVolume * share ?? volume * price);
        }
    }

    /// <summary>
    /// Reads kline files and folders; one series per coin (a coin found in several series is taken from the first by name).
    /// </summary>
    /// <exception cref="KlineFormatException">A file is not a kline file, or has a bad row.</exception>
    public static async Task<ReplayTape> LoadAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var bySymbol = new Dictionary<string, ReplaySeries>(StringComparer.Ordinal);
        foreach (var found in KlineSeries.Discover(paths))
        {
            var symbol = BaseAsset(KlineFile.Symbol(found.Files[0]));
            if (bySymbol.ContainsKey(symbol)) continue;
            var bars = new List<Kline>();
            await foreach (var bar in found.ReadAsync(cancellationToken).ConfigureAwait(false)) bars.Add(bar);
            if (bars.Count > 0) bySymbol[symbol] = new ReplaySeries(symbol, bars);
        }

        return new ReplayTape([.. bySymbol.Values]);
    }

    /// <summary><c>BTCUSDT</c> → <c>BTC</c>: records name the coin, and every replayed pair is quoted in a dollar.</summary>
    public static string BaseAsset(string pair) =>
        s_quoteAssets.FirstOrDefault(q => pair.Length > q.Length && pair.EndsWith(q, StringComparison.Ordinal)) is { } quote
            ? pair[..^quote.Length]
            : pair;
}
