using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Web.Markets;

/// <summary>
/// One grid row, owned by one circuit and mutated in place so that the grid keeps its query (and the
/// user's sort) while prices move.
/// </summary>
public sealed class MarketRow(CryptoPrice price)
{
    private DateTimeOffset _moveUntil;
    private double? _liveVolume24h = price.Volume24h;

    public QuoteKey Key { get; } = new(price.Symbol, price.Source);

    public CryptoPrice Price { get; private set; } = price;

    /// <summary>Position by market cap among the coins of the same source (each source ranks its own top list).</summary>
    public int Rank { get; set; }

    public PriceMove Move { get; private set; }

    /// <summary>From Ingest, refreshed every minute; <see cref="Trend.None"/> until it answers.</summary>
    public Trend Trend { get; private set; } = Trend.None;

    /// <summary>The live price against the close stored an hour ago; no basis while the history is shorter.</summary>
    public PercentChange Change1h => PercentChange.Since(Price.Price, Trend.Close1hAgo);

    /// <summary>The live price against the close stored a day ago; while the history is shorter, the source's own figure.</summary>
    public PercentChange Change24h => PercentChange.Since(Price.Price, Trend.Close24hAgo).OrProvider(Price.PercentChange24h);

    /// <summary>The sparkline's SVG points, computed once per trend rather than on every render.</summary>
    public string SparklinePoints { get; private set; } = "";

    /// <summary>Up when the last 24 h ended higher than they started.</summary>
    public PriceMove SparklineDirection { get; private set; }

    /// <summary>
    /// The newest 24 h volume (USD) the source reported: from the live quotes, which do not all carry it (Binance's kline
    /// quotes bring the minute's volume instead), else the one Ingest stored; null when the source reports none.
    /// </summary>
    public double? Volume24h => _liveVolume24h ?? Trend.Volume24h;

    public void SetTrend(Trend trend)
    {
        Trend = trend;
        SparklinePoints = Sparkline.Points(trend.Closes);
        var drawn = trend.Closes.OfType<double>().ToList();
        SparklineDirection = drawn is [var first, .., var last] && last != first
            ? last > first ? PriceMove.Up : PriceMove.Down
            : PriceMove.None;
    }

    public void Update(CryptoPrice price, DateTimeOffset now, TimeSpan highlight)
    {
        if (price.Price != Price.Price)
        {
            Move = price.Price > Price.Price ? PriceMove.Up : PriceMove.Down;
            _moveUntil = now + highlight;
        }

        Price = price;
        _liveVolume24h = price.Volume24h ?? _liveVolume24h;
    }

    /// <summary>The move while its highlight lasts, then <see cref="PriceMove.None"/>.</summary>
    public PriceMove MoveAt(DateTimeOffset now) => now < _moveUntil ? Move : PriceMove.None;
}
