using System.Globalization;

namespace CryptoViz.Web.Forecasts;

/// <summary>Display formats for forecast skill, invariant like <see cref="Markets.MarketFormat"/>.</summary>
public static class ForecastFormat
{
    private static readonly CultureInfo s_culture = CultureInfo.InvariantCulture;

    /// <summary>15 min, 1 h, 4 h.</summary>
    public static string Horizon(int minutes) =>
        minutes % 60 == 0 ? (minutes / 60).ToString(s_culture) + " h" : minutes.ToString(s_culture) + " min";

    public static string Mase(double? mase) => mase is { } value ? value.ToString("0.000", s_culture) : "–";

    /// <summary>A share (0..1) as a percentage: 0.912 → 91.2%.</summary>
    public static string Share(double? share) => share is { } value ? (value * 100).ToString("0.0", s_culture) + "%" : "–";

    /// <summary>How a MASE reads against naive: below 1 the model beat "no change", above it lost, naive itself is the yardstick.</summary>
    public static Skill SkillOf(string model, double? mase) => model == CryptoViz.Contracts.Apis.ModelScore.Naive || mase is null
        ? Skill.Baseline
        : mase < 1 ? Skill.Better : mase > 1 ? Skill.Worse : Skill.Baseline;
}
