namespace CryptoViz.Scraper.Sources.CoinGecko;

/// <summary>
/// The coins of the live source's last <c>/coins/markets</c> listing that mapped to a record, in its order (market cap):
/// the history asks CoinGecko for a symbol by the id found here. Of two coins with one symbol the first is kept, as the
/// quote sink keeps the first.
/// </summary>
public sealed class CoinGeckoCoins
{
    private volatile Listing _listing = new([], new Dictionary<string, CoinGeckoCoin>(StringComparer.Ordinal));

    public IReadOnlyList<CoinGeckoCoin> Listed => _listing.Coins;

    public CoinGeckoCoin? Find(string symbol) => _listing.BySymbol.GetValueOrDefault(symbol);

    /// <summary>Replaces the whole listing: a coin that left the top N is no longer one the live source publishes.</summary>
    internal void Replace(IEnumerable<CoinGeckoCoin> coins)
    {
        var bySymbol = new Dictionary<string, CoinGeckoCoin>(StringComparer.Ordinal);
        var ordered = new List<CoinGeckoCoin>();
        foreach (var coin in coins)
        {
            if (bySymbol.TryAdd(coin.Symbol, coin)) ordered.Add(coin);
        }

        _listing = new Listing(ordered, bySymbol);
    }

    private sealed record Listing(IReadOnlyList<CoinGeckoCoin> Coins, IReadOnlyDictionary<string, CoinGeckoCoin> BySymbol);
}
