namespace CryptoViz.Web.Forecasts;

/// <summary>A model's backtest error against naive's on the same points; the CSS class of its MASE cell.</summary>
public enum Skill
{
    /// <summary>Naive itself, or no score: the yardstick, neutral.</summary>
    Baseline,
    Better,
    Worse,
}
