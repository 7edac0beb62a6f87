using System.ComponentModel;

namespace CryptoViz.Ingest.Apis;

// Properties, not a primary constructor: [Description] on a positional record parameter under [AsParameters]
// makes Microsoft.AspNetCore.OpenApi 10 throw InvalidCastException (dotnet/aspnetcore#65348).
public sealed record CandlesRequest
{
    [Description("Ticker, e.g. BTC; lower case is accepted. 1-20 letters or digits.")]
    public string Symbol { get; init; } = "";

    [Description("Bucket width: 1m, 5m, 15m, 1h or 1d. Default 1m.")]
    public string? Interval { get; init; }

    [Description("Start of the range, inclusive, ISO-8601 UTC. Default: 24 h before `to`.")]
    public string? From { get; init; }

    [Description("End of the range, exclusive, ISO-8601 UTC. Default: now. At most 31 days after `from` below 1h, 366 days otherwise.")]
    public string? To { get; init; }

    [Description("Source, e.g. coinmarketcap. Default: the alphabetically first source with data in the range.")]
    public string? Source { get; init; }
}
