using System.Collections.Immutable;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Web.Markets;

/// <summary>A circuit's view of the market: rows kept in step with the market feed's quote snapshots.</summary>
public sealed class MarketBoard(TimeSpan highlight)
{
    private readonly Dictionary<QuoteKey, MarketRow> _rows = [];
    private ImmutableDictionary<QuoteKey, CryptoPrice>? _applied;
    private ImmutableDictionary<QuoteKey, Trend> _trends = ImmutableDictionary<QuoteKey, Trend>.Empty;

    public IReadOnlyCollection<MarketRow> Rows => _rows.Values;

    /// <summary>Copies a snapshot into the rows.</summary>
    /// <returns>True when rows were added, so the grid must query again.</returns>
    public bool Apply(ImmutableDictionary<QuoteKey, CryptoPrice> quotes, DateTimeOffset now)
    {
        if (ReferenceEquals(quotes, _applied))
        {
            return false;
        }

        var added = false;
        foreach (var (key, price) in quotes)
        {
            if (_rows.TryGetValue(key, out var row))
            {
                if (!ReferenceEquals(row.Price, price))
                {
                    row.Update(price, now, highlight);
                }
            }
            else
            {
                var fresh = new MarketRow(price);
                fresh.SetTrend(_trends.GetValueOrDefault(key, Trend.None));
                _rows.Add(key, fresh);
                added = true;
            }
        }

        _applied = quotes;
        Rerank();
        return added;
    }

    /// <summary>Copies Ingest's trends into the rows (and into rows the feed adds later).</summary>
    public void ApplyTrends(ImmutableDictionary<QuoteKey, Trend> trends)
    {
        if (ReferenceEquals(trends, _trends))
        {
            return;
        }

        _trends = trends;
        foreach (var (key, row) in _rows)
        {
            row.SetTrend(trends.GetValueOrDefault(key, Trend.None));
        }
    }

    /// <summary>True while some highlight is showing: the page must render again to clear it.</summary>
    public bool HasMovesAt(DateTimeOffset now) => _rows.Values.Any(r => r.MoveAt(now) != PriceMove.None);

    /// <summary>
    /// Ranks coins by market cap, one rank for all of a coin's rows, so the same coin reads the same whichever source
    /// quotes it and sources covering different coins (the offline replay beside the simulated market) do not count
    /// from 1 each. Sources that know no caps (Binance, replay) borrow the coin's cap from another source; a coin no
    /// source gives a cap for ranks after those that have one.
    /// </summary>
    private void Rerank()
    {
        var rank = 0;
        var ranks = _rows.Values
            .GroupBy(r => r.Key.Symbol)
            .Select(g => (Symbol: g.Key, Cap: g.Max(r => r.Price.MarketCap)))
            .OrderByDescending(c => c.Cap).ThenBy(c => c.Symbol, StringComparer.Ordinal)
            .ToDictionary(c => c.Symbol, _ => ++rank);
        foreach (var row in _rows.Values)
        {
            row.Rank = ranks[row.Key.Symbol];
        }
    }
}
