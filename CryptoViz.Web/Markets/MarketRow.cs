using CryptoViz.ServiceDefaults.Messaging;
using CryptoViz.Web.Feed;

namespace CryptoViz.Web.Markets;

/// <summary>
/// One grid row, owned by one circuit and mutated in place so that the grid keeps its query (and the
/// user's sort) while prices move.
/// </summary>
public sealed class MarketRow(CryptoPrice price)
{
    private DateTimeOffset _moveUntil;

    public QuoteKey Key { get; } = new(price.Symbol, price.Source);

    public CryptoPrice Price { get; private set; } = price;

    /// <summary>Position by market cap among the coins of the same source (each source ranks its own top list).</summary>
    public int Rank { get; set; }

    public PriceMove Move { get; private set; }

    public void Update(CryptoPrice price, DateTimeOffset now, TimeSpan highlight)
    {
        if (price.Price != Price.Price)
        {
            Move = price.Price > Price.Price ? PriceMove.Up : PriceMove.Down;
            _moveUntil = now + highlight;
        }

        Price = price;
    }

    /// <summary>The move while its highlight lasts, then <see cref="PriceMove.None"/>.</summary>
    public PriceMove MoveAt(DateTimeOffset now) => now < _moveUntil ? Move : PriceMove.None;
}
