using System.Text.Json.Serialization;

namespace CryptoViz.Contracts.Messaging;

/// <summary>
/// The Scraper's backfill as its <c>GET /api/backfill</c> answers, for <c>/health</c> and the Web's Pipeline page: the
/// current run, or the last one. <see cref="Days"/> is the history published per series of the run, on average.
/// </summary>
public sealed record BackfillStatus(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("seriesTotal")] int SeriesTotal,
    [property: JsonPropertyName("seriesDone")] int SeriesDone,
    [property: JsonPropertyName("seriesFailed")] int SeriesFailed,
    [property: JsonPropertyName("days")] double Days,
    [property: JsonPropertyName("candles")] long Candles,
    [property: JsonPropertyName("startedAt")] DateTime? StartedAt,
    [property: JsonPropertyName("finishedAt")] DateTime? FinishedAt,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("summary")] string Summary)
{
    public const string Off = "off";
    public const string Waiting = "waiting";
    public const string Running = "running";
    public const string Complete = "complete";
    public const string Failed = "failed";
}
