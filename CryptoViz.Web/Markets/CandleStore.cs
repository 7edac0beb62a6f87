using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Web.Markets;

/// <summary>
/// Candles built from the live ticks since the server started, per (symbol, source): sources are never
/// mixed. Stands in until Ingest serves stored candles.
/// </summary>
public sealed class CandleStore
{
    /// <summary>V2 scrapes every 120 s, so shorter bars would mostly be single ticks.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>24 h of bars.</summary>
    public const int Capacity = 288;

    private readonly Dictionary<QuoteKey, List<Candle>> _series = [];
    private readonly Lock _gate = new();

    /// <summary>Raised on the feed's thread with the tick and the bar it changed (the last one of its series).</summary>
    public event Action<CryptoPrice, Candle>? Updated;

    public void Add(CryptoPrice price)
    {
        var key = new QuoteKey(price.Symbol, price.Source);
        Candle candle;
        lock (_gate)
        {
            if (!_series.TryGetValue(key, out var series))
            {
                series = [];
                _series.Add(key, series);
            }

            // A tick without volume (CoinGecko, CoinMarketCap) adds none, as in Ingest's candles.
            var last = series.Count > 0 ? series[^1] : null;
            if (LiveCandles.Fold(last, UnixTime.Seconds(price.Timestamp), price.Price, price.Volume ?? 0, (long)Interval.TotalSeconds) is not { } next)
            {
                return;
            }

            candle = next;
            if (last is not null && last.Time == next.Time)
            {
                series[^1] = next;
            }
            else
            {
                series.Add(next);
                if (series.Count > Capacity)
                {
                    series.RemoveAt(0);
                }
            }
        }

        Updated?.Invoke(price, candle);
    }

    public IReadOnlyList<Candle> History(QuoteKey key)
    {
        lock (_gate)
        {
            return _series.TryGetValue(key, out var series) ? [.. series] : [];
        }
    }
}
