using System.Collections.Immutable;
using CryptoViz.Web.Feed;
using CryptoViz.Web.Ingest;

namespace CryptoViz.Web.Markets;

/// <summary>
/// The markets table's 1 h change, 24 h sparklines and stored 24 h volumes, shared by every circuit: fetched from Ingest at most once per
/// <see cref="MaxAge"/> (one <c>/api/coins</c> plus one hourly-candle query per quote), never per row or per tick.
/// </summary>
public sealed class MarketTrends(IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<MarketTrends> logger)
{
    /// <summary>Hourly closes move once an hour; 5 minutes keeps the newest bar close enough.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>Ingest has no batch candle query: a few at a time keeps a refresh from flooding it.</summary>
    private const int ParallelQueries = 4;

    private readonly Lock _gate = new();
    private ImmutableDictionary<QuoteKey, Trend> _trends = ImmutableDictionary<QuoteKey, Trend>.Empty;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private Task? _refreshing;

    /// <summary>Raised on a pool thread after a refresh changed <see cref="Current"/>.</summary>
    public event Action? Updated;

    /// <summary>The latest snapshot; empty until the first refresh completes.</summary>
    public ImmutableDictionary<QuoteKey, Trend> Current => Volatile.Read(ref _trends);

    /// <summary>Starts a refresh in the background when the snapshot is older than <see cref="MaxAge"/>; callers never wait.</summary>
    public void RefreshIfStale()
    {
        lock (_gate)
        {
            if (_refreshing is not null || timeProvider.GetUtcNow() - _fetchedAt < MaxAge)
            {
                return;
            }

            _fetchedAt = timeProvider.GetUtcNow();
            _refreshing = Task.Run(RefreshAsync);
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var ingest = scope.ServiceProvider.GetRequiredService<IngestClient>();
            var coins = await ingest.GetCoinsAsync(CancellationToken.None);
            var to = timeProvider.GetUtcNow().UtcDateTime;
            var trends = new Dictionary<QuoteKey, Trend>();
            await Parallel.ForEachAsync(coins, new ParallelOptions { MaxDegreeOfParallelism = ParallelQueries }, async (coin, ct) =>
            {
                IReadOnlyList<double> closes;
                try
                {
                    var series = await ingest.GetCandlesAsync(coin.Symbol, "1h", coin.Source, to.AddHours(-24), to, ct);
                    closes = [.. (series?.Candles ?? []).Select(c => c.Close)];
                }
                catch (HttpRequestException exception)
                {
                    // One coin's missing history costs that row its sparkline, not the table its 1 h changes.
                    MarketTrendsTrace.SparklineFailed(logger, coin.Symbol, coin.Source, exception.Message);
                    closes = [];
                }

                var trend = new Trend(coin.ChangePercent1h, closes, coin.Volume24h);
                lock (trends)
                {
                    trends[new QuoteKey(coin.Symbol, coin.Source)] = trend;
                }
            });
            Volatile.Write(ref _trends, trends.ToImmutableDictionary());
            Updated?.Invoke();
        }
        catch (Exception exception)
        {
            // Ingest down or slow: the table keeps its last trends (or none) and the next stale check tries again.
            MarketTrendsTrace.RefreshFailed(logger, exception.Message);
        }
        finally
        {
            lock (_gate)
            {
                _refreshing = null;
            }
        }
    }
}
