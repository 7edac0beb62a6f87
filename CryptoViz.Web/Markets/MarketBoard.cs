using System.Collections.Immutable;
using CryptoViz.ServiceDefaults.Messaging;
using CryptoViz.Web.Feed;

namespace CryptoViz.Web.Markets;

/// <summary>A circuit's view of the market: rows kept in step with <see cref="MarketFeed.Quotes"/> snapshots.</summary>
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
    /// Ranks each source's rows by market cap. Sources that know none (Binance, replay) borrow the coin's cap from
    /// another source, so BTC stays first wherever it comes from.
    /// </summary>
    private void Rerank()
    {
        var caps = _rows.Values.GroupBy(r => r.Key.Symbol).ToDictionary(g => g.Key, g => g.Max(r => r.Price.MarketCap));
        foreach (var source in _rows.Values.GroupBy(r => r.Key.Source))
        {
            var rank = 1;
            foreach (var row in source.OrderByDescending(r => caps[r.Key.Symbol]).ThenBy(r => r.Key.Symbol, StringComparer.Ordinal))
            {
                row.Rank = rank++;
            }
        }
    }
}
