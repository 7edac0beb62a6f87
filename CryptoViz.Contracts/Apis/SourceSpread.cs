namespace CryptoViz.Contracts.Apis;

/// <summary>The newest price per source of one coin, and how far apart they are.</summary>
/// <param name="Spread">Highest minus lowest of the sources' newest prices.</param>
/// <param name="SpreadPercent">The spread in % of the mean of those prices.</param>
public sealed record SourceSpread(string Symbol, IReadOnlyList<SourceQuote> Sources, double Min, double Max, double Spread, double SpreadPercent);
