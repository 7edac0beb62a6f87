using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Ingest;

/// <summary>Configuration section <c>Ingest</c>.</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>Our own group: V2's <c>crypto-batch-consumer-simple</c> may run beside us as a peer.</summary>
    [Required]
    public string ConsumerGroup { get; set; } = "cryptoviz-ingest";

    /// <summary>
    /// A batch goes to the writer when it holds this many records and the writer is free (while the writer is still busy
    /// it keeps growing, within the window)... Under load each commit costs DuckDB about as much as appending a few
    /// thousand rows, so big batches (measured: 20,000 stores ~15 % faster than 5,000) pay off; at live rates the window
    /// below decides.
    /// </summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 20_000;

    /// <summary>...or when its first record has waited this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long batches may fail to store before the writer counts as stuck (<c>/alive</c> Unhealthy, so that an
    /// orchestrator restarts it): well under the consumer's <c>max.poll.interval.ms</c> (5 min), after which it would
    /// silently leave its group.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many (symbol, source) series the writer's recent-key index remembers, about 1 KiB each: live use is a few
    /// hundred (50 coins from a handful of sources), the ingest benchmark's 3,000. Beyond it the series longest without a
    /// tick are forgotten, and keys older than what the index forgot are checked against the table instead: a flood of
    /// made-up series costs anti-joins, not memory.
    /// </summary>
    [Range(1, 10_000_000)]
    public int RecentKeySeries { get; set; } = 10_000;
}
