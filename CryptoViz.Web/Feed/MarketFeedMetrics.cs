using System.Diagnostics.Metrics;

namespace CryptoViz.Web.Feed;

/// <summary>The Web server's instruments; ServiceDefaults exports the meter named after the application.</summary>
public sealed class MarketFeedMetrics
{
    public const string MeterName = "CryptoViz.Web";

    private readonly Counter<long> _updates;
    private readonly Counter<long> _predictions;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _reconnects;

    public MarketFeedMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _updates = meter.CreateCounter<long>("cryptoviz.web.feed.updates", "{update}",
            "crypto_update events applied from Stream.");
        _predictions = meter.CreateCounter<long>("cryptoviz.web.feed.predictions", "{prediction}",
            "prediction events (forecasts and anomalies) applied from Stream.");
        _rejected = meter.CreateCounter<long>("cryptoviz.web.feed.rejected", "{event}",
            "SSE events from Stream that could not be read.");
        _reconnects = meter.CreateCounter<long>("cryptoviz.web.feed.reconnects", "{reconnect}",
            "Times the SSE connection to Stream was lost.");
    }

    public void UpdateApplied() => _updates.Add(1);

    public void PredictionApplied() => _predictions.Add(1);

    public void EventRejected() => _rejected.Add(1);

    public void ConnectionLost() => _reconnects.Add(1);
}
