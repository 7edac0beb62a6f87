namespace CryptoViz.Contracts.Apis;

/// <summary>
/// Recent closes of every (symbol, source) on one grid: bucket <c>i</c> of a series starts at <c>From + i × StepMinutes</c>;
/// the last one holds <c>To</c> and is still open.
/// </summary>
public sealed record CoinHistory(DateTime From, DateTime To, int StepMinutes, IReadOnlyList<SeriesHistory> Series);
