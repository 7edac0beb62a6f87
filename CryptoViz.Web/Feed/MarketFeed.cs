using System.Collections.Immutable;
using System.Net.ServerSentEvents;
using System.Text.Json;
using CryptoViz.Contracts.Messaging;
using CryptoViz.ServiceDefaults.Resilience;
using CryptoViz.Web.Clients;
using CryptoViz.Web.Markets;
using Microsoft.Extensions.Options;

namespace CryptoViz.Web.Feed;

/// <summary>
/// The Web server's one SSE connection to Stream, shared by every circuit: keeps the latest quote per
/// (symbol, source), the latest forecast per (symbol, source, horizon) and the newest anomalies, and raises
/// events that pages throttle into renders.
/// </summary>
public sealed class MarketFeed(
    IServiceScopeFactory scopeFactory,
    CandleStore candles,
    IOptions<StreamFeedOptions> options,
    TimeProvider timeProvider,
    MarketFeedMetrics metrics,
    ILogger<MarketFeed> logger) : BackgroundService
{
    /// <summary>Anomalies come only live (Stream keeps none for late joiners): this many newest are kept for pages opened later.</summary>
    public const int AnomalyCapacity = 200;

    private ImmutableDictionary<QuoteKey, CryptoPrice> _quotes = ImmutableDictionary<QuoteKey, CryptoPrice>.Empty;
    private ImmutableDictionary<ForecastKey, Prediction> _forecasts = ImmutableDictionary<ForecastKey, Prediction>.Empty;
    private ImmutableQueue<Prediction> _anomalies = ImmutableQueue<Prediction>.Empty;
    private int _anomalyCount;
    private volatile FeedConnectionState _state = FeedConnectionState.Connecting;
    private string? _lastEventId;

    /// <summary>Raised on the feed's thread after each applied quote; handlers must return quickly.</summary>
    public event Action? QuotesChanged;

    /// <summary>Raised on the feed's thread after each applied forecast or anomaly; handlers must return quickly.</summary>
    public event Action? PredictionsChanged;

    /// <summary>Raised on the feed's thread when <see cref="State"/> changes.</summary>
    public event Action? StateChanged;

    /// <summary>An immutable snapshot, safe to read from any thread.</summary>
    public ImmutableDictionary<QuoteKey, CryptoPrice> Quotes => Volatile.Read(ref _quotes);

    /// <summary>The newest forecast per (symbol, source, horizon); an immutable snapshot.</summary>
    public ImmutableDictionary<ForecastKey, Prediction> Forecasts => Volatile.Read(ref _forecasts);

    /// <summary>The newest anomalies, oldest first, at most <see cref="AnomalyCapacity"/>; an immutable snapshot.</summary>
    public IEnumerable<Prediction> Anomalies => Volatile.Read(ref _anomalies);

    public FeedConnectionState State => _state;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var failedAttempts = 0;
        while (true)
        {
            using var idle = new CancellationTokenSource(settings.IdleTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, idle.Token);
            Exception? failure = null;
            try
            {
                // A typed client is transient: take a fresh one per connection so handler rotation (DNS) still applies.
                await using var scope = scopeFactory.CreateAsyncScope();
                var client = scope.ServiceProvider.GetRequiredService<StreamClient>();
                await foreach (var item in client.ReadAsync(_lastEventId, linked.Token))
                {
                    idle.CancelAfter(settings.IdleTimeout);
                    if (_state != FeedConnectionState.Live)
                    {
                        failedAttempts = 0;
                        MarketFeedLog.Connected(logger);
                        SetState(FeedConnectionState.Live);
                    }

                    Handle(item);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Whatever broke the connection, the feed must outlive it: the next attempt decides.
                failure = exception;
            }

            var delay = ExponentialBackoff.Delay(++failedAttempts, settings.InitialReconnectDelay, settings.MaxReconnectDelay);
            if (idle.IsCancellationRequested)
            {
                MarketFeedLog.StreamIdle(logger, settings.IdleTimeout, delay);
            }
            else if (failure is HttpRequestException or IOException)
            {
                // Expected while Stream is down or restarting: the message says enough, a stack per retry is noise.
                MarketFeedLog.StreamUnreachable(logger, failure.Message, delay);
            }
            else if (failure is not null)
            {
                MarketFeedLog.StreamFailed(logger, failure, delay);
            }
            else
            {
                MarketFeedLog.StreamEnded(logger, delay);
            }

            if (_state == FeedConnectionState.Live)
            {
                metrics.ConnectionLost();
            }

            SetState(FeedConnectionState.Reconnecting);
            try
            {
                await Task.Delay(delay, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Handle(SseItem<string> item)
    {
        if (!string.IsNullOrEmpty(item.EventId))
        {
            _lastEventId = item.EventId;
        }

        StreamMessage message;
        try
        {
            message = StreamMessageParser.Parse(item.Data);
        }
        catch (JsonException exception)
        {
            metrics.EventRejected();
            MarketFeedLog.EventRejected(logger, exception, item.EventId);
            return;
        }

        if (message.Price is { } price)
        {
            var key = new QuoteKey(price.Symbol, price.Source);
            if (_quotes.TryGetValue(key, out var held) && held == price)
            {
                // The quote held, again: Stream's snapshot after a reconnect. Its volume is in the candles already.
                return;
            }

            // Single writer (this loop), many readers: publishing a new immutable map needs no lock.
            Volatile.Write(ref _quotes, _quotes.SetItem(key, price));
            candles.Add(price);
            metrics.UpdateApplied();
            QuotesChanged?.Invoke();
        }
        else if (message.Prediction is { } prediction)
        {
            Apply(prediction);
            metrics.PredictionApplied();
            PredictionsChanged?.Invoke();
        }
    }

    private void Apply(Prediction prediction)
    {
        if (prediction.Kind == Prediction.ForecastKind)
        {
            var key = new ForecastKey(prediction.Symbol, prediction.Source, prediction.HorizonMinutes!.Value);
            // A reconnect replays the snapshot: never let an older forecast replace a newer one.
            if (!_forecasts.TryGetValue(key, out var held) || held.Timestamp <= prediction.Timestamp)
            {
                Volatile.Write(ref _forecasts, _forecasts.SetItem(key, prediction));
            }

            return;
        }

        var anomalies = _anomalies.Enqueue(prediction);
        if (++_anomalyCount > AnomalyCapacity)
        {
            anomalies = anomalies.Dequeue();
            _anomalyCount--;
        }

        Volatile.Write(ref _anomalies, anomalies);
    }

    private void SetState(FeedConnectionState state)
    {
        if (_state == state)
        {
            return;
        }

        _state = state;
        StateChanged?.Invoke();
    }
}
