using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CryptoViz.Ingest;

/// <summary>Ingest's spans and instruments, named after the service ("CryptoViz.Ingest").</summary>
public sealed class IngestTelemetry
{
    public const string Name = "CryptoViz.Ingest";

    internal static readonly ActivitySource Source = new(Name);

    public IngestTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        Stored = meter.CreateCounter<long>("cryptoviz.ingest.stored", "{row}", "Rows written to crypto_prices");
        Duplicates = meter.CreateCounter<long>("cryptoviz.ingest.duplicates", "{record}", "Redelivered records dropped by the natural key");
        Rejected = meter.CreateCounter<long>("cryptoviz.ingest.rejected", "{message}", "Messages sent to the dead-letter topic, by reason");
        BatchDuration = meter.CreateHistogram<double>("cryptoviz.ingest.batch.duration", "s", "Time to store one batch");
        CandlesRolledUp = meter.CreateCounter<long>("cryptoviz.ingest.candles.rolled_up", "{candle}", "One-minute candles written (or rewritten) by the rollup");
        HistoryCandles = meter.CreateCounter<long>("cryptoviz.ingest.history.candles", "{candle}", "History candles from crypto-candles stored (minutes that had none)");
        RecentKeySeries = meter.CreateGauge<int>("cryptoviz.ingest.recent_keys.series", "{series}",
            "(symbol, source) series the writer's recent-key index holds after a batch, at most Ingest:RecentKeySeries");
        RecentKeySeriesForgotten = meter.CreateCounter<long>("cryptoviz.ingest.recent_keys.evicted", "{series}",
            "Series the recent-key index forgot to stay within Ingest:RecentKeySeries (their older keys are checked against the table)");
        RetentionDeleted = meter.CreateCounter<long>("cryptoviz.ingest.retention.deleted", "{row}", "Rows removed by retention, by reason (expired, downsampled, candles-expired)");
    }

    public Counter<long> Stored { get; }

    public Counter<long> Duplicates { get; }

    public Counter<long> Rejected { get; }

    public Histogram<double> BatchDuration { get; }

    public Gauge<int> RecentKeySeries { get; }

    public Counter<long> RecentKeySeriesForgotten { get; }

    public Counter<long> RetentionDeleted { get; }

    public Counter<long> CandlesRolledUp { get; }

    public Counter<long> HistoryCandles { get; }
}
