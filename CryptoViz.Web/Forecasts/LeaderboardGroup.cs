using CryptoViz.Web.Clients;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Web.Forecasts;

/// <summary>Every model's score on one series at one horizon, best MASE first; <see cref="Served"/> is the one Ingest serves.</summary>
public sealed record LeaderboardGroup(string Source, string Symbol, int HorizonMinutes, IReadOnlyList<ModelScore> Scores)
{
    public ModelScore? Served => Scores.FirstOrDefault(s => s.Served);

    /// <summary>True when no model beat naive here, so the served forecast is "no change".</summary>
    public bool NaiveServed => Served is { IsNaive: true };
}
