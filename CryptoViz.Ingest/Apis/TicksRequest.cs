using System.ComponentModel;

namespace CryptoViz.Ingest.Apis;

// Properties, not a primary constructor: see CandlesRequest.
public sealed record TicksRequest
{
    [Description("Ticker, e.g. BTC; lower case is accepted. 1-20 letters or digits.")]
    public string Symbol { get; init; } = "";

    [Description("Start of the range, inclusive, ISO-8601 UTC. Default: 24 h before `to`.")]
    public string? From { get; init; }

    [Description("End of the range, exclusive, ISO-8601 UTC. Default: now. At most 31 days after `from`.")]
    public string? To { get; init; }

    [Description("Only this source, e.g. coinmarketcap. Default: all sources.")]
    public string? Source { get; init; }

    [Description("Most rows returned, 1-10000. Default 1000.")]
    public int? Limit { get; init; }
}
