namespace CryptoViz.Scraper.Sources.Binance;

/// <summary>
/// Turns the running totals of Binance's kline updates into what traded since a series' previous published quote.
/// An update carries its kline's cumulative base and quote volume so far: an update of the same kline adds its increase,
/// the first update seen of a kline its whole total (so a kline joined mid-way, after start or a reconnect, is still
/// counted whole). What is observed but not taken yet waits for the next quote. Per pair; not thread-safe.
/// </summary>
internal sealed class KlineVolumes
{
    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    /// <param name="openTime">The kline's open time in Unix ms: which kline the totals belong to.</param>
    /// <returns>False for an update of a kline older than the pair's current one, whose volume was counted already.</returns>
    public bool Observe(string pair, long openTime, double baseTotal, double quoteTotal)
    {
        if (!_tallies.TryGetValue(pair, out var tally))
        {
            _tallies.Add(pair, tally = new Tally { OpenTime = openTime });
        }
        else if (openTime < tally.OpenTime)
        {
            return false;
        }
        else if (openTime > tally.OpenTime)
        {
            tally.OpenTime = openTime;
            tally.Base = tally.Quote = 0;
        }

        // Totals only grow within a kline; a repeated or lower one adds nothing rather than a negative volume.
        tally.UntakenBase += Math.Max(0, baseTotal - tally.Base);
        tally.UntakenQuote += Math.Max(0, quoteTotal - tally.Quote);
        tally.Base = Math.Max(tally.Base, baseTotal);
        tally.Quote = Math.Max(tally.Quote, quoteTotal);
        return true;
    }

    /// <summary>The volume observed since the last take, for the quote about to be published.</summary>
    public (double Base, double Quote) Take(string pair)
    {
        var tally = _tallies[pair];
        var taken = (tally.UntakenBase, tally.UntakenQuote);
        tally.UntakenBase = tally.UntakenQuote = 0;
        return taken;
    }

    private sealed class Tally
    {
        public long OpenTime { get; set; }

        public double Base { get; set; }

        public double Quote { get; set; }

        public double UntakenBase { get; set; }

        public double UntakenQuote { get; set; }
    }
}
