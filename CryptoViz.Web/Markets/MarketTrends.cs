using System.Collections.Immutable;
using CryptoViz.Web.Clients;

namespace CryptoViz.Web.Markets;

/// <summary>
/// The markets table's stored history (24 h sparklines, closes 1 h and 24 h ago, stored 24 h volumes), shared by every
/// circuit: one <c>/api/coins/history</c> request for all quotes, at most once per <see cref="MaxAge"/>, never per row or
/// per tick.
/// </summary>
public sealed class MarketTrends(IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<MarketTrends> logger)
{
    /// <summary>The sparklines' bucket: 96 points a day, finer than a 110 px sparkline can show anyway.</summary>
    public const string Step = "15m";

    public const int Hours = 24;

    /// <summary>The closes 1 h and 24 h ago move a minute a minute; one batched query a minute keeps them close.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How soon to ask again when Ingest failed or had no line to draw yet (a fresh store): a backfilled history then shows
    /// within seconds of being stored, not a minute later.
    /// </summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private ImmutableDictionary<QuoteKey, Trend> _trends = ImmutableDictionary<QuoteKey, Trend>.Empty;
    private DateTimeOffset _due = DateTimeOffset.MinValue;
    private Task? _refreshing;

    /// <summary>Raised on a pool thread after a refresh changed <see cref="Current"/>.</summary>
    public event Action? Updated;

    /// <summary>The latest snapshot; empty until the first refresh completes.</summary>
    public ImmutableDictionary<QuoteKey, Trend> Current => Volatile.Read(ref _trends);

    /// <summary>Starts a refresh in the background when one is due; callers never wait.</summary>
    public void RefreshIfStale()
    {
        lock (_gate)
        {
            if (_refreshing is not null || timeProvider.GetUtcNow() < _due)
            {
                return;
            }

            _refreshing = Task.Run(RefreshAsync);
        }
    }

    private async Task RefreshAsync()
    {
        var next = RetryAfter;
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var ingest = scope.ServiceProvider.GetRequiredService<IngestClient>();
            var history = await ingest.GetHistoryAsync(Hours, Step, CancellationToken.None);
            var trends = history.Series.ToImmutableDictionary(
                s => new QuoteKey(s.Symbol, s.Source),
                s => new Trend(s.Closes, s.Close1hAgo, s.Close24hAgo, s.Volume24h));
            Volatile.Write(ref _trends, trends);
            if (trends.Values.Any(t => t.Closes.Count(c => c is not null) >= 2))
            {
                next = MaxAge;
            }

            Updated?.Invoke();
        }
        catch (Exception exception)
        {
            // Ingest down or slow: the table keeps its last history (or none) and asks again soon.
            MarketTrendsLog.RefreshFailed(logger, exception.Message);
        }
        finally
        {
            lock (_gate)
            {
                _due = timeProvider.GetUtcNow() + next;
                _refreshing = null;
            }
        }
    }
}
