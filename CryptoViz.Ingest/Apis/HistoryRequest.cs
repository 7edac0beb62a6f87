using System.ComponentModel;

namespace CryptoViz.Ingest.Apis;

// Properties, not a primary constructor: see CandlesRequest.
public sealed record HistoryRequest
{
    [Description("How far back the closes reach, in hours before now: 1-168. Default 24.")]
    public int? Hours { get; init; }

    [Description("Width of one close's bucket: 5m, 15m, 30m or 1h. Default 15m. At most 336 buckets per series.")]
    public string? Step { get; init; }
}
