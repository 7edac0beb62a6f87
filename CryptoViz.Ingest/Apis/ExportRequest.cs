using System.ComponentModel;

namespace CryptoViz.Ingest.Apis;

// Properties, not a primary constructor: see CandlesRequest.
public sealed record ExportRequest
{
    [Description("Only this ticker, e.g. BTC; lower case is accepted. Default: all coins.")]
    public string? Symbol { get; init; }

    [Description("Start of the range, inclusive, ISO-8601 UTC. Default: 24 h before `to`.")]
    public string? From { get; init; }

    [Description("End of the range, exclusive, ISO-8601 UTC. Default: now. At most 31 days after `from`.")]
    public string? To { get; init; }

    [Description("parquet or csv (with a header row). Default csv.")]
    public string? Format { get; init; }
}
